import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PQ
import SchoolNetDomain
import SchoolNetStore

/// What one webhook run did.
public struct WebhookReport: Sendable, Equatable {
    public var delivered = 0
    public var retrying = 0
    public var parked = 0
    public init() {}
}

/// Posts due webhook deliveries (issue 15): claims them with FOR UPDATE SKIP LOCKED (never one whose application has
/// an earlier delivery pending to the same subscription, so each receiver gets an application's changes in order),
/// signs each as Standard Webhooks says and posts it with no transaction open; a 2xx answer marks it delivered,
/// anything else retries it with the mail's backoff (`DeliveryPolicy`) and parks it in the end.
public final class WebhookWorker: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let client: HTTPClient
    let policy: DeliveryPolicy
    let timeout: TimeAmount
    let logger: Logger
    let webhooks = WebhookRepository()

    /// `client` is the caller's (shared by default); each post waits at most `timeout`.
    public init(
        pool: PQPool, time: any TimeSource, client: HTTPClient = .shared, policy: DeliveryPolicy = .standard, timeout: TimeAmount = .seconds(30),
        logger: Logger = Logger(label: "schoolnet.webhooks")
    ) {
        self.pool = pool
        self.time = time
        self.client = client
        self.policy = policy
        self.timeout = timeout
        self.logger = logger
    }

    /// Delivers everything due now, batch after batch, until nothing is due; failures wait for a later run.
    public func runOnce() async throws -> WebhookReport {
        var report = WebhookReport()
        while true {
            let now = time.now()
            let claimed = try await pool.withTransaction { [webhooks, policy] conn in
                try webhooks.claim(limit: policy.batch, now: now, leaseUntil: now.addingTimeInterval(policy.lease), on: conn)
            }
            if claimed.isEmpty { return report }
            for delivery in claimed {
                do {
                    try await post(delivery)
                } catch {
                    let failedAt = time.now()
                    let retryAt = policy.retryAt(afterAttempt: delivery.attempts, now: failedAt)
                    try await pool.withTransaction { [webhooks] conn in
                        try webhooks.markFailed(delivery.id, error: "\(error)", retryAt: retryAt, at: failedAt, on: conn)
                    }
                    if retryAt == nil {
                        report.parked += 1
                        logger.error("webhook parked", metadata: ["delivery": "\(delivery.id)", "attempts": "\(delivery.attempts)"])
                    } else {
                        report.retrying += 1
                        logger.warning("webhook not delivered; will retry", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
                    }
                    continue
                }
                let deliveredAt = time.now()
                try await pool.withTransaction { [webhooks] conn in try webhooks.markDelivered(delivery.id, at: deliveredAt, on: conn) }
                report.delivered += 1
            }
        }
    }

    /// The `webhook-id` of a delivery: the same on every attempt, so a receiver can drop a repeat.
    public static func messageID(_ delivery: Int64) -> String { "msg_\(delivery)" }

    func post(_ delivery: WebhookDelivery) async throws {
        let id = Self.messageID(delivery.id)
        let timestamp = Int(time.now().timeIntervalSince1970)
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "webhook-id", value: id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(
            name: "webhook-signature", value: try WebhookSignature.sign(id: id, timestamp: timestamp, body: delivery.body, secret: delivery.secret))
        request.body = .bytes(ByteBuffer(string: delivery.body))
        let response = try await client.execute(request, timeout: timeout)
        // the answer's body is not ours to keep; read a little so the connection can be reused
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else { throw WebhookError("HTTP \(response.status.code)") }
    }
}
