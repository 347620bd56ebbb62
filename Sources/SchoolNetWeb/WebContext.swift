import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP

/// The context of every web page: the request's id and peer as the API has them, plus what the page needs to
/// speak to a person: the language, the signed-in account (if any) and the form token that proves a post came
/// from one of our own pages.
public struct WebContext: ChildRequestContext, SchoolNetRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let maxUploadSize: Int
    public let peerAddress: String?
    public let notes: RequestNotes
    /// Russian unless the person chose English (cookie) or the browser prefers it.
    public var language: Language = .ru
    /// The signed-in person and the session's secret; nil for a visitor.
    public var session: WebSession?
    /// The form token every page renders into its forms and every post must send back (`CSRF`).
    public var csrfToken: String = ""
    /// A form token cookie to set on the response (visitors' forms only).
    public var newCSRFCookie: String?
    /// Whether the browser reached us over TLS (directly or through a proxy that says so): cookies are `Secure` then.
    public var secure = false
    /// The posted form of a POST, already checked for its form token.
    public var form = FormData(pairs: [])
    /// The browser sent a session cookie that no longer works (expired, logged out): the login page says so.
    public var sessionEnded = false
    /// A visitor's public page not in the cache yet: how to keep it once rendered (`PublicPageCacheMiddleware`).
    var cacheTicket: PublicPageCache.Ticket?

    public init(context: AppRequestContext) throws {
        self.coreContext = context.coreContext
        self.requestID = context.requestID
        self.maxUploadSize = context.maxUploadSize
        self.peerAddress = context.peerAddress
        self.notes = context.notes
    }

    /// The caller the services see: the signed-in person acting in their current membership, nil for a visitor.
    public var caller: Caller? { session?.caller }
}

/// A signed-in person: who they are, which of their memberships they act in now, and the session's secret (kept
/// only to derive the form token; it never leaves the server again).
public struct WebSession: Sendable {
    public let principal: AccountPrincipal
    public let secret: String
    /// The membership the person acts in; nil when none maps to a role the pages serve (a juror's, for now).
    public let membership: AccountMembership?

    /// The caller the services see, signed with the account.
    public var caller: Caller? {
        guard let membership, let role = membership.role.actorRole else { return nil }
        return Caller(
            organisationID: membership.organisationID, role: role,
            credential: .session(accountID: principal.accountID, sessionID: principal.sessionID),
            displayName: principal.displayName)
    }

    init(principal: AccountPrincipal, secret: String, preferredOrganisation: OrganisationID?) {
        self.principal = principal
        self.secret = secret
        let usable = principal.memberships.filter { $0.role.actorRole != nil }
        // The regional admin's membership first, then the chosen organisation, then the first listed.
        self.membership =
            usable.first { $0.role == .regionalAdmin }
            ?? usable.first { preferredOrganisation != nil && $0.organisationID == preferredOrganisation }
            ?? usable.first
    }
}
