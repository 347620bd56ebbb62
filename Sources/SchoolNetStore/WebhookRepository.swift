import Foundation
import PQ
import SchoolNetDomain

/// Webhooks for the regional centre's other systems (issue 15): subscriptions by event type, and the deliveries
/// the outbox's trigger writes in the changes' own transactions (migration 0020). The worker `claim`s due deliveries
/// with FOR UPDATE SKIP LOCKED, never one while an earlier delivery of the same application to the same subscription
/// is pending, so each receiver sees an application's changes in order.
public struct WebhookRepository: Sendable {
    public init() {}

    public func subscribe(url: String, eventTypes: [String], secret: String, by signer: String, at: Date, on conn: PQConnection) throws
        -> WebhookSubscription
    {
        try Self.subscription(
            conn.one(
                """
                INSERT INTO webhook_subscription (url, event_types, secret, created_at, created_by)
                VALUES ($1, $2, $3, $4, $5)
                RETURNING id, url, event_types, secret, created_at, disabled_at
                """, [url, eventTypes, secret, at, signer]))
    }

    public func subscriptions(on conn: PQConnection) throws -> [WebhookSubscription] {
        try conn.query("SELECT id, url, event_types, secret, created_at, disabled_at FROM webhook_subscription ORDER BY id")
            .map(Self.subscription)
    }

    /// Stops new deliveries to the subscription (pending ones are dropped with it); false when unknown or already off.
    @discardableResult
    public func disable(_ id: Int64, at: Date, on conn: PQConnection) throws -> Bool {
        let changed = try conn.execute("UPDATE webhook_subscription SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL", [id, at])
        try conn.execute(
            "UPDATE webhook_delivery SET parked_at = $2, last_error = 'subscription disabled' WHERE subscription_id = $1 AND delivered_at IS NULL AND parked_at IS NULL",
            [id, at])
        return changed == 1
    }

    static func subscription(_ row: PQRow) throws -> WebhookSubscription {
        WebhookSubscription(
            id: try row.decode("id"), url: try row.decode("url"), eventTypes: try row.decode("event_types"), secret: try row.decode("secret"),
            createdAt: try row.decode("created_at"), disabledAt: try row.decode("disabled_at"))
    }

    /// Takes up to `limit` due deliveries no other worker holds and whose application has no earlier pending delivery
    /// to the same subscription, hiding them until `leaseUntil` and counting the attempt.
    public func claim(limit: Int, now: Date, leaseUntil: Date, on conn: PQConnection) throws -> [WebhookDelivery] {
        try conn.query(
            """
            WITH due AS (
                SELECT d.id FROM webhook_delivery d
                WHERE d.delivered_at IS NULL AND d.parked_at IS NULL AND d.available_at <= $1
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                                  WHERE p.subscription_id = d.subscription_id AND p.application_id = d.application_id
                                    AND p.id < d.id AND p.delivered_at IS NULL AND p.parked_at IS NULL)
                ORDER BY d.id
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            UPDATE webhook_delivery d SET available_at = $2, attempts = d.attempts + 1
            FROM due, webhook_subscription s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id, d.subscription_id, s.url, s.secret, d.event_type, d.body, d.attempts
            """, [now, leaseUntil, Int64(limit)]
        ).map { row in
            WebhookDelivery(
                id: try row.decode("id"), subscriptionID: try row.decode("subscription_id"), url: try row.decode("url"),
                secret: try row.decode("secret"), eventType: try row.decode("event_type"), body: try row.decode("body"),
                attempts: Int(try row.decode("attempts", as: Int32.self)))
        }.sorted { $0.id < $1.id }
    }

    public func markDelivered(_ id: Int64, at now: Date, on conn: PQConnection) throws {
        try conn.execute("UPDATE webhook_delivery SET delivered_at = $2, last_error = NULL WHERE id = $1 AND delivered_at IS NULL", [id, now])
    }

    /// A failed attempt: due again at `retryAt`, or parked when nil (the next delivery of its application may go).
    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at now: Date, on conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE webhook_delivery SET last_error = left($2, 2000), available_at = coalesce($3, available_at),
                                        parked_at = CASE WHEN $3::timestamptz IS NULL THEN $4 END
            WHERE id = $1 AND delivered_at IS NULL
            """, [id, error, retryAt, now])
    }

    /// Deliveries as stored, oldest first (the tests and the regional admin look here).
    public func deliveries(on conn: PQConnection) throws -> [WebhookDeliveryRow] {
        try conn.query(
            """
            SELECT id, subscription_id, event_type, application_id, body, attempts, last_error, delivered_at, parked_at
            FROM webhook_delivery ORDER BY id
            """
        ).map { row in
            WebhookDeliveryRow(
                id: try row.decode("id"), subscriptionID: try row.decode("subscription_id"), eventType: try row.decode("event_type"),
                applicationID: try row.decode("application_id"), body: try row.decode("body"),
                attempts: Int(try row.decode("attempts", as: Int32.self)), lastError: try row.decode("last_error"),
                deliveredAt: try row.decode("delivered_at"), parkedAt: try row.decode("parked_at"))
        }
    }
}

/// Where the regional centre's system wants which events, and the secret the payloads are signed with.
public struct WebhookSubscription: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var eventTypes: [String]
    /// `whsec_` and the key in base64 (Standard Webhooks).
    public var secret: String
    public var createdAt: Date
    public var disabledAt: Date?
}

/// A claimed delivery, ready to sign and post.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: Int64
    public var subscriptionID: Int64
    public var url: String
    public var secret: String
    public var eventType: String
    public var body: String
    public var attempts: Int
}

/// A delivery as stored.
public struct WebhookDeliveryRow: Sendable, Equatable {
    public var id: Int64
    public var subscriptionID: Int64
    public var eventType: String
    public var applicationID: Int64?
    public var body: String
    public var attempts: Int
    public var lastError: String?
    public var deliveredAt: Date?
    public var parkedAt: Date?
}
