import Hummingbird
import SchoolNetDomain

/// The context of routes that need a valid token. It cannot exist without a caller: creating it
/// throws 401, so a handler taking it never runs for an anonymous caller. What the caller may do is the
/// services' to decide (they take `caller` as it is).
public struct AuthenticatedContext: ChildRequestContext, SchoolNetRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let maxUploadSize: Int
    public let caller: Caller
    public let peerAddress: String?
    public let notes: RequestNotes

    public init(context: AppRequestContext) throws {
        switch context.authentication {
        case .authenticated(let caller):
            self.caller = caller
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
}
