import Hummingbird

/// The context of routes that need a valid token. It cannot exist without a principal: creating it
/// throws 401, so a handler taking it never runs for an anonymous caller.
public struct AuthenticatedContext: ChildRequestContext, SchoolNetRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let maxUploadSize: Int
    public let principal: Principal
    public let peerAddress: String?
    public let notes: RequestNotes

    public init(context: AppRequestContext) throws {
        switch context.authentication {
        case .authenticated(let principal):
            self.principal = principal
        case .anonymous:
            throw Problem.unauthenticated
        case .rejected:
            throw Problem.invalidToken
        }
        self.coreContext = context.coreContext
        self.requestID = context.requestID
        self.maxUploadSize = context.maxUploadSize
        self.peerAddress = context.peerAddress
        self.notes = context.notes
    }

    /// Throws 403 unless the caller has one of `roles`.
    public func require(_ roles: Role...) throws {
        guard roles.contains(self.principal.role) else { throw Problem.forbidden(allowed: roles) }
    }
}
