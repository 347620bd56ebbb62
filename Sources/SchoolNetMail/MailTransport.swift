import Foundation

/// Hands a message to an SMTP server; throws `MailTransportError` when the server did not accept it.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
    /// The worker's batch is done: a transport that keeps a connection open across messages closes it (QUIT).
    func finishBatch() async
}

extension MailTransport {
    public func finishBatch() async {}
}

/// Why a message did not leave; `detail` is what the client or the server said (no message content). `permanent`: the
/// server refused it for good (a 5xx reply): trying again cannot help, so the row is parked at once.
public struct MailTransportError: Error, Sendable, CustomStringConvertible {
    public var detail: String
    public var permanent: Bool
    public init(_ detail: String, permanent: Bool = false) {
        self.detail = detail
        self.permanent = permanent
    }
    public var description: String { detail }
}
