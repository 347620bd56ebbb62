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

    /// When a token issued at `now` expires unless told otherwise: the end of the school year it is issued in
    /// (1 September, 00:00 in the network's zone), so a forgotten token does not outlive the year's staff changes.
    public static func defaultExpiry(at now: Date) -> Date {
        let zone = RegistrationWindow.defaultTimeZone
        return SchoolYear.containing(LocalDate(now, in: zone)).lastDay.adding(days: 1).startOfDay(in: zone)
    }

    /// A new token; `raw` of the result is the only copy of the secret there will ever be. It expires at `expiresAt`,
    /// by default at the end of the school year (`defaultExpiry`).
    public func issue(role: ActorRole, organisation: OrganisationID?, label: String, expiresAt: Date? = nil, by caller: Caller) async throws -> IssuedToken {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        if role != .regionalAdmin, organisation == nil {
            throw RegistrationError(
                .validation, field: "organisation", ru: "Токен школы или организатора выдаётся для организации",
                en: "A school's or organiser's token needs its organisation")
        }
        let now = time.now()
        return try await pool.withTransaction { [tokens] conn in
            try AuditActor.set(caller, on: conn)
            if let organisation, try OrganisationRepository().get(organisation, on: conn) == nil {
                throw DirectoryService.notFound(organisation)
            }
            return try tokens.issue(
                role: role, organisationID: organisation, label: label, at: now,
                expiresAt: expiresAt ?? Self.defaultExpiry(at: now), on: conn)
        }
    }

    /// Replaces a token: revokes it and issues a new one with the same role, organisation and label, expiring at
    /// `expiresAt` (default: the end of the school year). An expired token may be rotated, a revoked one may not. The
    /// revocation is the check: of two rotations of one token racing, the second waits on the row and finds it revoked.
    public func rotate(_ id: Int64, expiresAt: Date? = nil, by caller: Caller) async throws -> IssuedToken {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        let now = time.now()
        return try await pool.withTransaction { [tokens] conn in
            try AuditActor.set(caller, on: conn)
            guard let old = try tokens.get(id, on: conn) else {
                throw RegistrationRefusal([RegistrationError(.notFound, field: "token", ru: "Токен №\(id) не найден", en: "Token \(id) not found")])
            }
            guard try tokens.revoke(id, at: now, on: conn) else {
                throw RegistrationRefusal([
                    RegistrationError(
                        .invalidTransition, field: "token", ru: "Токен №\(id) уже отозван: выдайте новый",
                        en: "Token \(id) is already revoked; issue a new one")
                ])
            }
            return try tokens.issue(
                role: old.role, organisationID: old.organisationID, label: old.label, at: now,
                expiresAt: expiresAt ?? Self.defaultExpiry(at: now), on: conn)
        }
    }

    /// Revokes a token by its id; false when it was already revoked.
    public func revoke(_ id: Int64, by caller: Caller) async throws -> Bool {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        let now = time.now()
        return try await pool.withTransaction { [tokens] conn in
            try AuditActor.set(caller, on: conn)
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
