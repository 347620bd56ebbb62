import Foundation

/// Hands a message to an SMTP server; throws `MailTransportError` when the server did not accept it.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Why a message did not leave; `detail` is what the client or the server said (no message content).
public struct MailTransportError: Error, Sendable, CustomStringConvertible {
    public var detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { detail }
}
