import Foundation
import Hummingbird
import Logging
import SchoolNetDomain

/// The context of every request before authentication.
public struct AppRequestContext: SchoolNetRequestContext {
    public var coreContext: CoreRequestContextStorage
    public internal(set) var requestID: String
    public internal(set) var maxUploadSize: Int
    /// Set by the bearer authenticator on routes that need it; `AuthenticatedContext` reads it.
    public internal(set) var authentication: Authentication
    /// The client's IP address (no port), nil when the transport has none (in-process tests).
    public let peerAddress: String?
    /// Who the request turned out to be, for the request log line written outside the authenticated routes.
    public let notes: RequestNotes

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = RequestIDs.generate()
        self.maxUploadSize = HTTPConfig().maxBodySize
        self.authentication = .anonymous
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.notes = RequestNotes()
        self.logger[metadataKey: RequestIDs.loggerKey] = .string(self.requestID)
    }
}

/// What inner middleware learns about a request that the outer request log should say: the authenticated caller.
/// A reference, because contexts are values copied on the way in and the log line is written on the way out.
public final class RequestNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var _caller: Caller?

    public init() {}

    /// The authenticated caller, once the bearer authenticator accepted its token or a web session was valid.
    public var caller: Caller? {
        get { self.lock.withLock { self._caller } }
        set { self.lock.withLock { self._caller = newValue } }
    }
}

/// The outcome of looking at the `Authorization` header.
public enum Authentication: Sendable, Equatable {
    /// No credentials were presented (or nobody looked).
    case anonymous
    /// Credentials were presented but are malformed or not accepted.
    case rejected
    case authenticated(Caller)
}
