import Crypto
import Foundation

/// Form tokens: every form that changes something carries one, and a post without the right one is refused
/// before anything is read. For a signed-in person the token is derived from the session's secret (which only
/// the browser holding the HttpOnly cookie knows), so no state is stored and any server of several agrees. For a
/// visitor (the login, invitation and reset forms) it is a random value the page also sets as a cookie (the
/// double-submit pattern), so a login cannot be forged from another site either.
enum CSRF {
    static let field = "_csrf"
    static let cookie = "sn_csrf"

    /// The token of a session: SHA-256 of a purpose label and the secret, base64url.
    static func token(forSession secret: String) -> String {
        base64url(Data(SHA256.hash(data: Data("schoolnet-form|\(secret)".utf8))))
    }

    /// A fresh random token for a visitor's form.
    static func newVisitorToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url(Data((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// Whether `sent` equals `expected`, compared in time independent of where they differ.
    static func matches(_ sent: String?, _ expected: String) -> Bool {
        guard let sent, !expected.isEmpty else { return false }
        let a = Array(sent.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
