import Crypto
import Foundation

/// Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body` with the key
/// that follows `whsec_` in the secret (base64), sent as `webhook-signature: v1,<base64>`.
public enum WebhookSignature {
    /// `v1,<base64 of the MAC>`; throws when the secret is not `whsec_` and base64.
    public static func sign(id: String, timestamp: Int, body: String, secret: String) throws -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: try key(secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// True when one of the space-separated `v1,` signatures in `header` is the MAC of `id.timestamp.body` (compared in
    /// constant time by swift-crypto).
    public static func verify(id: String, timestamp: Int, body: String, header: String, secret: String) throws -> Bool {
        let key = try key(secret)
        let content = Data("\(id).\(timestamp).\(body)".utf8)
        return header.split(separator: " ").contains { candidate in
            guard candidate.hasPrefix("v1,"), let mac = Data(base64Encoded: String(candidate.dropFirst(3))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key)
        }
    }

    static func key(_ secret: String) throws -> SymmetricKey {
        guard secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst(6))), !bytes.isEmpty else {
            throw WebhookError("the secret is not whsec_ and base64")
        }
        return SymmetricKey(data: bytes)
    }
}

/// Why a webhook did not go out (the receiver's status, a network error, a bad secret).
public struct WebhookError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
