import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

extension DeliveryWorker {
    /// True when `row` is a reminder or digest no longer wanted (event cancelled, application withdrawn, recipient
    /// opted out, moment passed): it is voided in the database and not sent. Other kinds are always wanted.
    func voidIfUnwanted(_ row: OutboxMessage) async throws -> Bool {
        guard let kind = NotificationKind(rawValue: row.kind), kind.optional != nil else { return false }
        let now = time.now()
        let reason = try await pool.withTransaction { conn in
            try ScheduledMailRepository().voidIfUnwanted(row.id, at: now, on: conn)
        }
        guard let reason else { return false }
        logger.info("scheduled mail voided", metadata: ["outbox": "\(row.id)", "kind": "\(row.kind)", "reason": "\(reason)"])
        return true
    }
}
