import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// API tokens for the regional centre to hand out: shown once at issue, stored as a SHA-256 only.
public struct TokenService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let tokens = TokenRepository()

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// A new token; `raw` of the result is the only copy of the secret there will ever be.
    public func issue(role: ActorRole, organisation: OrganisationID?, label: String, expiresAt: Date? = nil, by caller: Caller) async throws -> IssuedToken {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        if role != .regionalAdmin, organisation == nil {
            throw RegistrationError(.validation, field: "organisation", ru: "Токен школы или организатора выдаётся для организации",
                                    en: "A school's or organiser's token needs its organisation")
        }
        let now = time.now()
        return try await pool.withTransaction { [tokens] conn in
            try AuditActor.set(actor: caller.displayName, tokenID: caller.tokenID, on: conn)
            if let organisation, try OrganisationRepository().get(organisation, on: conn) == nil {
                throw DirectoryService.notFound(organisation)
            }
            return try tokens.issue(role: role, organisationID: organisation, label: label, at: now, expiresAt: expiresAt, on: conn)
        }
    }

    /// Revokes a token by its id; false when it was already revoked.
    public func revoke(_ id: Int64, by caller: Caller) async throws -> Bool {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        let now = time.now()
        return try await pool.withTransaction { [tokens] conn in
            try AuditActor.set(actor: caller.displayName, tokenID: caller.tokenID, on: conn)
            guard let token = try tokens.get(id, on: conn) else {
                throw RegistrationError(.notFound, field: "token", ru: "Токен №\(id) не найден", en: "Token \(id) not found")
            }
            if token.revokedAt != nil { return false }
            return try tokens.revoke(id, at: now, on: conn)
        }
    }

    /// The organisation's tokens (the admin tokens for nil), newest first; never their secrets.
    public func list(organisation: OrganisationID?) async throws -> [ApiToken] {
        try await pool.withConnection { [tokens] conn in try tokens.list(organisationID: organisation, on: conn) }
    }
}
