import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// What an event's organiser (or the regional centre) does to it: registration by hand, stages, jury, results.
// Every write is one READ COMMITTED transaction that first locks the event row FOR UPDATE: all of an event's
// check-then-writes (stage capacity, the single absolute winner, publication) queue on that one row, so a check
// always sees what the previous writer committed. The database's constraints remain the last line of defence.
public struct EventAdminService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let events = EventControlRepository()
    let stages = StageRepository()
    let competitors = CompetitorRepository()
    let results = ResultRepository()
    let jury = JuryRepository()

    public init(pool: PQPool, time: any TimeSource = SystemTime()) {
        self.pool = pool
        self.time = time
    }

    /// Runs `body` in one transaction holding the event's row lock, after the audit actor is set and the actor may act.
    func write<T: Sendable>(
        _ event: EventID, as actor: Actor, _ body: @escaping @Sendable (PQConnection, EventControl, Date) throws -> T
    ) async throws -> T {
        let now = time.now()
        return try await pool.withTransaction { [events] conn in
            try Self.setAuditActor(actor, on: conn)
            guard let control = try events.get(event, lock: true, on: conn) else { throw RegistrationError.eventNotFound(event) }
            try Self.authorize(actor, control)
            return try Self.refusingConstraints { try body(conn, control, now) }
        }
    }

    /// Runs `body` in a read-only transaction once the actor may see the event's organiser-side data.
    func read<T: Sendable>(
        _ event: EventID, as actor: Actor, _ body: @escaping @Sendable (PQConnection, EventControl) throws -> T
    ) async throws -> T {
        try await pool.withTransaction(readOnly: true) { [events] conn in
            guard let control = try events.get(event, on: conn) else { throw RegistrationError.eventNotFound(event) }
            try Self.authorize(actor, control)
            return try body(conn, control)
        }
    }

    static func authorize(_ actor: Actor, _ event: EventControl) throws {
        if let refusal = Access.checkOrganiser(actor: actor.role, actorOrganisation: actor.organisationID, organiser: event.organiserID) {
            throw refusal
        }
    }

    // The audit trigger reads these transaction-local settings; set before the first write.
    static func setAuditActor(_ actor: Actor, on conn: PQConnection) throws {
        try conn.query("SELECT set_config('schoolnet.actor', $1, true), set_config('schoolnet.token_id', $2, true)",
                       [actor.name, actor.tokenID.map(String.init) ?? ""])
    }

    // A constraint that fires despite the checks means a writer the lock doesn't cover got there first:
    // answer with the refusal the check would have given, never with the raw database error.
    static func refusingConstraints<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PQError {
            let mapped: Set<PQError.Kind> = [.uniqueViolation, .checkViolation, .foreignKeyViolation]
            if mapped.contains(error.kind), let name = error.constraint, let refusal = RegistrationError.fromConstraint(name) {
                throw refusal
            }
            throw error
        }
    }
}
