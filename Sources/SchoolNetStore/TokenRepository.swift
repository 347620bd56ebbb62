import Crypto
import Foundation
import PQ
import SchoolNetDomain

/// API tokens. A token is shown once, when issued; the database keeps only its SHA-256, computed here in Swift
/// so the raw token never travels to PostgreSQL (where statement logging would keep it), and a leaked table
/// grants nothing. A lookup only reads (it works on a read-only standby); `touch` notes the last use apart.
public struct TokenRepository: Sendable {
    public init() {}

    /// Every raw token starts with this, so a token pasted somewhere it shouldn't be is recognisable.
    public static let prefix = "sn_"

    /// `last_used_at` moves at most this often: each move is a row update and an audit entry.
    public static let lastUsedGranularity: TimeInterval = 300

    static let columns = "id, role, organisation_id, label, created_at, expires_at, revoked_at, last_used_at"

    /// Makes a token for `role` (a school's or organiser's for `organisationID`; an admin's may have none).
    /// A non-admin token without an organisation fails with `api_token_scope`.
    public func issue(
        role: ActorRole, organisationID: OrganisationID?, label: String, at: Date, expiresAt: Date? = nil, on conn: PQConnection
    ) throws -> IssuedToken {
        let raw = Self.generate()
        let row = try conn.one(
            """
            INSERT INTO api_token (token_hash, role, organisation_id, label, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING \(Self.columns)
            """, [Self.hash(raw), role, organisationID, label, at, expiresAt])
        return IssuedToken(raw: raw, token: try token(row))
    }

    /// The SHA-256 of the token's UTF-8 bytes: all the database ever sees of a token.
    public static func hash(_ raw: String) -> PQBytes {
        PQBytes(Array(SHA256.hash(data: Array(raw.utf8))))
    }

    /// Who the raw token acts as at `now`, or nil when it is unknown, revoked or expired. Only reads.
    public func lookup(_ raw: String, at now: Date, on conn: PQConnection) throws -> Caller? {
        try find(raw, at: now, on: conn)?.caller
    }

    /// The caller the token acts as (signing with the token's label) and when the token was last used (nil:
    /// never), or nil when it is unknown, revoked or expired. Only reads.
    public func find(_ raw: String, at now: Date, on conn: PQConnection) throws -> (caller: Caller, lastUsedAt: Date?)? {
        try conn.query(
            """
            SELECT id, role, organisation_id, label, last_used_at FROM api_token
            WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
            """, [Self.hash(raw), now]
        ).first.map { row in
            (
                Caller(
                    organisationID: try row.decode(2), role: try row.decode(1), credential: .token(id: try row.decode(0)),
                    displayName: try row.decode(3)),
                try row.decode(4)
            )
        }
    }

    /// Whether a use at `now` should move `last_used_at` (it moves at most every `lastUsedGranularity`).
    public static func needsTouch(lastUsedAt: Date?, at now: Date) -> Bool {
        guard let lastUsedAt else { return true }
        return lastUsedAt <= now.addingTimeInterval(-lastUsedGranularity)
    }

    /// Notes a use of token `id` at `now`, unless a use was noted within `lastUsedGranularity`; false when nothing moved.
    @discardableResult
    public func touch(_ id: Int64, at now: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE api_token SET last_used_at = $2
            WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2 - make_interval(secs => $3))
            """, [id, now, Self.lastUsedGranularity]) == 1
    }

    /// Revokes the token from `at`; false when there is no such token or it was revoked already.
    @discardableResult
    public func revoke(_ id: Int64, at: Date, on conn: PQConnection) throws -> Bool {
        // The row lock this UPDATE takes is what serialises two rotations of one token: the second finds it revoked.
        try conn.execute("UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, at]) == 1
    }

    public func get(_ id: Int64, on conn: PQConnection) throws -> ApiToken? {
        try conn.query("SELECT \(Self.columns) FROM api_token WHERE id = $1", [id]).first.map(token)
    }

    /// The organisation's tokens (all admin tokens for nil), newest first.
    public func list(organisationID: OrganisationID?, on conn: PQConnection) throws -> [ApiToken] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM api_token
            WHERE organisation_id IS NOT DISTINCT FROM $1 ORDER BY created_at DESC, id DESC
            """, [organisationID]
        ).map(token)
    }

    /// `sn_` and 43 base64url characters: 32 bytes from the system's secure generator (getrandom on Linux).
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 }
        }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    private func token(_ row: PQRow) throws -> ApiToken {
        ApiToken(
            id: try row.decode(0), role: try row.decode(1), organisationID: try row.decode(2), label: try row.decode(3),
            createdAt: try row.decode(4), expiresAt: try row.decode(5), revokedAt: try row.decode(6), lastUsedAt: try row.decode(7))
    }
}

/// A token just issued: `raw` is shown to its holder once and never stored or printed.
public struct IssuedToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let raw: String
    public let token: ApiToken

    public var description: String { "IssuedToken(id: \(token.id), role: \(token.role.rawValue), label: \(token.label))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["token": token]) }
}
