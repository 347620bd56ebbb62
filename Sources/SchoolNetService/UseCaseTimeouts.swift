import PQ
import SchoolNetImport

/// How long each kind of work may wait for the database; values and reasons in docs/DESIGN.md
/// ("Bounded waits"). Enforced by PostgreSQL per transaction, so they hold even when the client is gone.
public enum UseCaseTimeouts {
    /// A school's registration, edit or withdrawal: short, user-facing, queues on the event row lock.
    public static let registration = PQTimeouts(statement: .seconds(10), lock: .seconds(5), idleInTransaction: .seconds(15))
    /// An organiser's or admin's write or read of one event (stages, jury, results).
    public static let admin = PQTimeouts(statement: .seconds(30), lock: .seconds(10), idleInTransaction: .seconds(30))
    /// The annual report: one big read-only snapshot; takes no row locks.
    public static let report = PQTimeouts(statement: .seconds(120), lock: .seconds(10), idleInTransaction: .seconds(60))
    /// A bulk import from the CLI: long statements allowed, but never an endless wait for a lock.
    public static let `import` = ImportService.timeouts
}
