import Hummingbird

/// What every request context of the API carries, authenticated or not.
public protocol SchoolNetRequestContext: RequestContext {
    /// This request's id, as in the `X-Request-Id` response header and every log line.
    var requestID: String { get }
    /// The client's IP address, when the transport has one.
    var peerAddress: String? { get }
    /// Shared with the request's outer middleware: who the caller turned out to be.
    var notes: RequestNotes { get }
}
