import Foundation

import Hummingbird
import SchoolNetDomain

/// Reads `Authorization: Bearer <token>` and records the outcome on the context; the
/// `AuthenticatedContext` built after it turns anything but success into 401. A client address that sent too
/// many well-formed but unknown tokens gets 429 with `Retry-After` before any lookup (`BadTokenLimiter`).
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let authenticate: @Sendable (String) async throws -> Caller?
    let limiter: BadTokenLimiter

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.authentication = try await self.authentication(of: request, peer: context.peerAddress)
        if case .authenticated(let caller) = context.authentication { context.notes.caller = caller }
        return try await next(request, context)
    }

    private func authentication(of request: Request, peer: String?) async throws -> Authentication {
        guard let header = request.headers[.authorization] else { return .anonymous }
        guard let token = Self.bearerToken(in: header) else { return .rejected }
        if let peer, let seconds = self.limiter.admit(peer) { throw Problem.tooManyUnknownTokens(retryAfter: seconds) }
        // A failed lookup (database unavailable) charges nothing: the lookup failed, not the token.
        guard let caller = try await self.authenticate(token) else {
            if let peer { self.limiter.charge(peer) }
            return .rejected
        }
        return .authenticated(caller)
    }

    /// The token of a Bearer credential (RFC 6750 §2.1: token68 syntax), or nil.
    static func bearerToken(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard (1...512).contains(token.utf8.count) else { return nil }
        let body = token.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard !body.isEmpty else { return nil }
        let allowed = body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
        return allowed ? token : nil
    }
}

/// Lets through only callers whose role is in `roles`; 403 for the rest.
public struct RoleGuard: RouterMiddleware {
    public typealias Context = AuthenticatedContext
    let roles: [ActorRole]

    public init(_ roles: ActorRole...) {
        self.roles = roles
    }

    public func handle(_ request: Request, context: AuthenticatedContext, next: (Request, AuthenticatedContext) async throws -> Response) async throws
        -> Response
    {
        guard self.roles.contains(context.caller.role) else { throw Problem.forbidden(allowed: self.roles) }
        return try await next(request, context)
    }
}

extension RouterMethods where Context == AppRequestContext {
    /// A group whose routes run only with a valid bearer token (401 otherwise).
    public func authenticatedGroup(_ path: RouterPath = "", dependencies: AppDependencies) -> RouterGroup<AuthenticatedContext> {
        self.group(path)
            .add(middleware: BearerAuthenticator(authenticate: dependencies.authenticate, limiter: dependencies.unknownTokens))
            .group(context: AuthenticatedContext.self)
    }
}

extension Problem {
    /// 429 for an address that sent too many unknown tokens; `Retry-After` in whole seconds.
    static func tooManyUnknownTokens(retryAfter seconds: Int) -> Problem {
        Problem(
            .tooManyRequests, code: "too_many_unknown_tokens",
            detail: .init(
                ru: "Слишком много недействительных токенов с этого адреса. Повторите через \(seconds) с.",
                en: "Too many invalid tokens from this address. Retry in \(seconds) s."),
            headers: [.retryAfter: String(seconds)]
        )
    }
}
