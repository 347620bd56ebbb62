import Hummingbird

/// What every request context of the API carries, authenticated or not.
public protocol SchoolNetRequestContext: RequestContext {
    /// This request's id, as in the `X-Request-Id` response header and every log line.
    var requestID: String { get }
}
