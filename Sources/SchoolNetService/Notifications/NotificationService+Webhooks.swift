import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

extension NotificationService {
    /// `forbidden` unless the caller is the regional centre: webhooks are its systems'. A route asks before the body.
    public func authorizeWebhooks(_ caller: Caller) throws {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
    }

    /// Subscribes a system of the regional centre to event types (`NotificationKind.webhookTypes`), with a new secret
    /// (`whsec_` and 32 random bytes in base64, Standard Webhooks) shown in the answer.
    public func subscribe(url raw: String, eventTypes: [String], by caller: Caller) async throws -> WebhookSubscription {
        try authorizeWebhooks(caller)
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil,
            !url.contains(where: \.isWhitespace), url.count <= 2000
        else { throw NotificationRefusals.badURL() }
        let unknown = eventTypes.enumerated().filter { !NotificationKind.webhookTypes.contains($0.element) }.map { ($0.offset, $0.element) }
        guard !eventTypes.isEmpty, unknown.isEmpty else {
            throw NotificationRefusals.badTypes(unknown, known: NotificationKind.webhookTypes)
        }
        let now = time.now()
        let secret = Self.newSecret()
        return try await pool.withTransaction { [webhooks] conn in
            try AuditActor.set(caller, on: conn)
            return try webhooks.subscribe(
                url: url, eventTypes: Array(Set(eventTypes)).sorted(), secret: secret, by: caller.displayName, at: now, on: conn)
        }
    }

    /// Every subscription (the regional centre's).
    public func subscriptions(by caller: Caller) async throws -> [WebhookSubscription] {
        try authorizeWebhooks(caller)
        return try await pool.withConnection { [webhooks] conn in try webhooks.subscriptions(on: conn) }
    }

    /// Stops a subscription; its pending deliveries are parked.
    public func unsubscribe(_ id: Int64, by caller: Caller) async throws {
        try authorizeWebhooks(caller)
        let now = time.now()
        let done = try await pool.withTransaction { [webhooks] conn in
            try AuditActor.set(caller, on: conn)
            return try webhooks.disable(id, at: now, on: conn)
        }
        guard done else { throw NotificationRefusals.subscriptionNotFound(id) }
    }

    /// `whsec_` and 32 bytes from the system's CSPRNG (getrandom on Linux), in base64.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }
}
