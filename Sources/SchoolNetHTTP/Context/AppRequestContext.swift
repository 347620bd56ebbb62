import Hummingbird
import Logging

/// The context of every request before authentication.
public struct AppRequestContext: SchoolNetRequestContext {
    public var coreContext: CoreRequestContextStorage
    public internal(set) var requestID: String
    public internal(set) var maxUploadSize: Int
    /// Set by the bearer authenticator on routes that need it; `AuthenticatedContext` reads it.
    public internal(set) var authentication: Authentication

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = RequestIDs.generate()
        self.maxUploadSize = HTTPConfig().maxBodySize
        self.authentication = .anonymous
        self.logger[metadataKey: RequestIDs.loggerKey] = .string(self.requestID)
    }
}

/// The outcome of looking at the `Authorization` header.
public enum Authentication: Sendable, Equatable {
    /// No credentials were presented (or nobody looked).
    case anonymous
    /// Credentials were presented but are malformed or not accepted.
    case rejected
    case authenticated(Principal)
}
