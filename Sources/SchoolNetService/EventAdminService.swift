import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// What an event's organiser (or the regional centre) does to it: registration by hand, stages, jury, results.
/// Refusals are thrown as `RegistrationRefusal` (one or more domain errors); anything else is a fault.
// Every write is one READ COMMITTED transaction that first locks the event row FOR UPDATE (the lock registration
// takes too): all of an event's check-then-writes (stage capacity, the single absolute winner, publication) queue on
// that one row, so a check always sees what the previous writer committed. Constraints remain the last defence.
public struct EventAdminService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let events = EventRepository()
    let control = EventControlRepository()
    let stages = StageRepository()
    let competitors = CompetitorRepository()
    let results = ResultRepository()
    let jury = JuryRepository()
    let outbox = OutboxRepository()

    /// A service over `pool`, reading "now" only from `time`.
    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// Who may manage events at all: organisers (their own events only, `authorize(_:_:)`) and the regional centre.
    public static let managers: [ActorRole] = [.organiser, .regionalAdmin]

    /// `forbidden` unless the caller's role may manage events at all. Every use case here checks it first, before
    /// the event is looked up; a route may ask before it reads a request body, so that a school learns nothing more.
    public func authorize(_ caller: Caller) throws {
        try caller.require(Self.managers)
    }

    /// Runs `body` in one transaction holding the event's row lock, once the audit actor is set and the caller may act.
    func write<T: Sendable>(
        _ event: EventID, by caller: Caller, _ body: @escaping @Sendable (PQConnection, Event, Date) throws -> T
    ) async throws -> T {
        try authorize(caller)
        let now = time.now()
        return try await Self.refusing {
            try await pool.withTransaction(isolation: .readCommitted, timeouts: UseCaseTimeouts.admin) { [events] conn in
                try AuditActor.set(caller, on: conn)
                guard let locked = try events.lockForUpdate(event, on: conn) else { throw RegistrationError.eventNotFound(event) }
                try Self.authorize(caller, locked)
                return try body(conn, locked, now)
            }
        }
    }

    /// Runs `body` in a read-only transaction once the caller may see the event's organiser-side data.
    func read<T: Sendable>(
        _ event: EventID, by caller: Caller, _ body: @escaping @Sendable (PQConnection, Event) throws -> T
    ) async throws -> T {
        try authorize(caller)
        return try await Self.refusing {
            try await pool.withTransaction(readOnly: true, timeouts: UseCaseTimeouts.admin) { [events] conn in
                guard let found = try events.get(event, on: conn) else { throw RegistrationError.eventNotFound(event) }
                try Self.authorize(caller, found)
                return try body(conn, found)
            }
        }
    }

    static func authorize(_ caller: Caller, _ event: Event) throws {
        if let refusal = Access.checkOrganiser(actor: caller.role, actorOrganisation: caller.organisationID, organiser: event.organiserID) {
            throw refusal
        }
    }

    // One refusal type leaves the service. A constraint that fires despite the checks means a writer the lock
    // doesn't cover got there first: it answers with the refusal the check would have given, not a raw PQError.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RegistrationError {
            throw RegistrationRefusal([error])
        } catch let error as PQError {
            if [.uniqueViolation, .checkViolation, .foreignKeyViolation].contains(error.kind),
                let name = error.constraint, let refusal = RegistrationError.fromConstraint(name)
            {
                throw RegistrationRefusal([refusal])
            }
            if let refusal = ConstraintRefusal.refusal(for: error) { throw refusal }
            throw error
        }
    }
}
