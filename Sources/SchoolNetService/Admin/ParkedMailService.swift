import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Mail the delivery worker gave up on (issue 15), for the regional centre: the list, and sending one again by hand.
public struct ParkedMailService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let outbox = OutboxRepository()

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// Parked messages, oldest first: id, kind, address, attempts, why (no payload: it names pupils).
    public func parked(by caller: Caller) async throws -> [OutboxRow] {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        return try await pool.withConnection { [outbox] conn in try outbox.parked(on: conn) }
    }

    /// Queues a parked message again, due now with a fresh count of attempts and the same Message-ID.
    public func retry(_ id: Int64, by caller: Caller) async throws {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        let now = time.now()
        try await pool.withTransaction { [outbox] conn in
            try AuditActor.set(caller, on: conn)
            guard try outbox.retry(id, now: now, on: conn) else {
                throw RegistrationRefusal([
                    RegistrationError(
                        .notFound, field: "id", ru: "Отложенное письмо №\(id) не найдено (оно отправлено, ждёт отправки или его нет)",
                        en: "Parked message \(id) not found (it was sent, is waiting to be sent, or does not exist)")
                ])
            }
        }
    }
}
