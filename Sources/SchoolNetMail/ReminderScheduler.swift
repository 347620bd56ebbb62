import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Writes the reminders due at an instant (issue 15): "registration closes in 3 days" and "closes tomorrow" to the
/// schools following an event, "the event is tomorrow" to its registered applications, and "registration closed" to
/// the organiser once a deadline passed. Safe to run as often as one likes and from several servers at once: every
/// row's dedupe key names what it reminds of, so each is written once, ever.
public struct ReminderScheduler: Sendable {
    let pool: PQPool
    let repository = ScheduledMailRepository()

    public init(pool: PQPool) { self.pool = pool }

    /// Writes what is due at `now`, in one transaction; returns the rows written.
    @discardableResult
    public func enqueueDue(now: Date) async throws -> Int {
        try await pool.withTransaction { [repository] conn in
            try repository.enqueueClosingReminders(at: now, on: conn) + repository.enqueueEventReminders(at: now, on: conn)
                + repository.enqueueDeadlinesPassed(at: now, on: conn)
        }
    }
}

/// Writes the organiser's digest of new applications, at most one per account per hour (issue 15).
public struct DigestScheduler: Sendable {
    let pool: PQPool
    let repository = ScheduledMailRepository()

    public init(pool: PQPool) { self.pool = pool }

    /// Writes the digests due at `now`; returns the rows written.
    @discardableResult
    public func enqueueDue(now: Date) async throws -> Int {
        try await pool.withTransaction { [repository] conn in try repository.enqueueDigests(at: now, on: conn) }
    }
}
