import Foundation
import PQ
import SchoolNetDomain

extension AccountRole: PQEncodable, PQDecodable {}

/// Personal accounts, their memberships and their single-use links. Link secrets are shown once and stored
/// only as their SHA-256 (computed by PostgreSQL, like API tokens); passwords arrive here already hashed.
public struct AccountRepository: Sendable {
    public init() {}

    static let columns = "a.id, a.email, a.display_name, a.person_id, a.created_at, a.password_set_at, a.disabled_at"

    /// The account with `email` (already normalised), creating it when there is none. Two parallel calls for one
    /// address get the same row: the upsert waits for the other's insert.
    public func createOrFind(email: String, displayName: String, personID: PersonID?, at: Date, on conn: PQConnection) throws -> Int64 {
        try conn.one(
            """
            INSERT INTO account (email, display_name, person_id, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
            RETURNING id
            """, [email, displayName, personID, at]
        ).decode(0)
    }

    /// Adds a membership; false when the account had it already.
    @discardableResult
    public func addMembership(_ accountID: Int64, _ membership: AccountMembership, grantedBy: String, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            INSERT INTO account_membership (account_id, organisation_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ON CONSTRAINT account_membership_unique DO NOTHING
            """, [accountID, membership.organisationID, membership.role, at, grantedBy]) == 1
    }

    /// Removes every membership the account holds in `organisationID`; how many there were.
    @discardableResult
    public func removeMemberships(_ accountID: Int64, organisationID: OrganisationID, on conn: PQConnection) throws -> Int {
        try conn.execute("DELETE FROM account_membership WHERE account_id = $1 AND organisation_id = $2", [accountID, organisationID])
    }

    public func get(_ id: Int64, on conn: PQConnection) throws -> Account? {
        try accounts(where: "a.id = $1", [id], on: conn).first
    }

    /// The account signing in with `email`, and its bcrypt hash (nil before the invitation is accepted).
    public func credential(email: String, on conn: PQConnection) throws -> (account: Account, passwordHash: String?)? {
        guard let account = try accounts(where: "a.email = $1", [email], on: conn).first else { return nil }
        let hash: String? = try conn.one("SELECT password_hash FROM account WHERE id = $1", [account.id]).decode(0)
        return (account, hash)
    }

    /// Accounts with a membership in `organisationID`, or every account for nil; by email.
    public func list(organisationID: OrganisationID?, on conn: PQConnection) throws -> [Account] {
        if let organisationID {
            return try accounts(
                where: "EXISTS (SELECT FROM account_membership m WHERE m.account_id = a.id AND m.organisation_id = $1)",
                [organisationID], on: conn)
        }
        return try accounts(where: "true", [], on: conn)
    }

    public func setPassword(_ accountID: Int64, hash: String, at: Date, on conn: PQConnection) throws {
        _ = try conn.execute("UPDATE account SET password_hash = $2, password_set_at = $3 WHERE id = $1", [accountID, hash, at])
    }

    /// Disables the account from `at`; false when it was disabled already.
    @discardableResult
    public func disable(_ accountID: Int64, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute("UPDATE account SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL", [accountID, at]) == 1
    }

    // MARK: links

    /// A new link for `purpose`, valid until `expiresAt`; earlier unused links of the same purpose stop working,
    /// so only the newest link someone was given opens anything.
    public func issueLink(
        _ accountID: Int64, purpose: AccountLinkPurpose, createdBy: String, at: Date, expiresAt: Date, on conn: PQConnection
    ) throws -> IssuedLink {
        _ = try cancelLinks(accountID, purpose: purpose, at: at, on: conn)
        let raw = Secret.generate(prefix: "snl_")
        let id: Int64 = try conn.one(
            """
            INSERT INTO account_link (account_id, purpose, secret_hash, created_at, created_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [accountID, purpose, TokenRepository.hash(raw), at, createdBy, expiresAt]
        ).decode(0)
        return IssuedLink(raw: raw, id: id, accountID: accountID, purpose: purpose, expiresAt: expiresAt)
    }

    /// Cancels the account's unused links (of one purpose, or all for nil); how many.
    @discardableResult
    public func cancelLinks(_ accountID: Int64, purpose: AccountLinkPurpose?, at: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            UPDATE account_link SET cancelled_at = $3
            WHERE account_id = $1 AND ($2::account_link_purpose IS NULL OR purpose = $2)
              AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > $3
            """, [accountID, purpose, at])
    }

    /// The account a link was made for, whatever its state (to sign the audit log before using it).
    public func linkOwner(_ raw: String, purpose: AccountLinkPurpose, on conn: PQConnection) throws -> Int64? {
        try conn.query(
            """
            SELECT account_id FROM account_link WHERE secret_hash = $1 AND purpose = $2
            """, [TokenRepository.hash(raw), purpose]
        ).first?.decode(0)
    }

    /// Whether the link would open now (for a page that asks for the new password before using it).
    public func linkIsOpen(_ raw: String, purpose: AccountLinkPurpose, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.query(
            """
            SELECT FROM account_link l JOIN account a ON a.id = l.account_id
            WHERE l.secret_hash = $1 AND l.purpose = $2
              AND l.used_at IS NULL AND l.cancelled_at IS NULL AND l.expires_at > $3 AND a.disabled_at IS NULL
            """, [TokenRepository.hash(raw), purpose, at]
        ).first != nil
    }

    /// Uses the link: its account, or nil when it is unknown, used, cancelled, expired or its account disabled.
    /// One UPDATE that checks and marks at once, so of two parallel uses exactly one gets the account.
    public func consumeLink(_ raw: String, purpose: AccountLinkPurpose, at: Date, on conn: PQConnection) throws -> Int64? {
        try conn.query(
            """
            UPDATE account_link l SET used_at = $3
            FROM account a
            WHERE a.id = l.account_id AND a.disabled_at IS NULL
              AND l.secret_hash = $1 AND l.purpose = $2
              AND l.used_at IS NULL AND l.cancelled_at IS NULL AND l.expires_at > $3
            RETURNING l.account_id
            """, [TokenRepository.hash(raw), purpose, at]
        ).first?.decode(0)
    }

    // MARK: throttle

    /// Counts one attempt for `key` in the current window (a fixed window of `window` seconds that starts at the
    /// first attempt) and says whether it is within `limit`. One upsert: parallel attempts queue on the row, so
    /// no more than `limit` of them are ever allowed in a window, on any number of servers.
    public func claimAttempt(key: String, at: Date, window: TimeInterval, limit: Int, on conn: PQConnection) throws -> ThrottleVerdict {
        let row = try conn.one(
            """
            INSERT INTO login_throttle AS t (key, window_start, attempts) VALUES ($1, $2, 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN t.window_start <= $2 - make_interval(secs => $3) THEN $2 ELSE t.window_start END,
                attempts = CASE WHEN t.window_start <= $2 - make_interval(secs => $3) THEN 1 ELSE t.attempts + 1 END
            RETURNING attempts, window_start + make_interval(secs => $3)
            """, [key, at, window])
        let attempts: Int32 = try row.decode(0)
        return ThrottleVerdict(allowed: Int(attempts) <= limit, attempts: Int(attempts), windowEndsAt: try row.decode(1))
    }

    /// Gives back one attempt of `key` (a successful login is not a guess).
    public func releaseAttempt(key: String, on conn: PQConnection) throws {
        _ = try conn.execute("UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE key = $1", [key])
    }

    /// Forgets `key`'s attempts.
    public func resetAttempts(key: String, on conn: PQConnection) throws {
        _ = try conn.execute("DELETE FROM login_throttle WHERE key = $1", [key])
    }

    /// Deletes counters whose window ended before `before`; how many.
    @discardableResult
    public func purgeAttempts(windowEndedBefore before: Date, window: TimeInterval, on conn: PQConnection) throws -> Int {
        try conn.execute("DELETE FROM login_throttle WHERE window_start + make_interval(secs => $2) < $1", [before, window])
    }

    // MARK: reading

    private func accounts(where condition: String, _ parameters: [any PQEncodable], on conn: PQConnection) throws -> [Account] {
        var accounts: [Account] = try conn.query("SELECT \(Self.columns) FROM account a WHERE \(condition) ORDER BY a.email", parameters).map { row in
            Account(
                id: try row.decode(0), email: try row.decode(1), displayName: try row.decode(2), personID: try row.decode(3),
                memberships: [], createdAt: try row.decode(4), passwordSetAt: try row.decode(5), disabledAt: try row.decode(6))
        }
        if accounts.isEmpty { return [] }
        let memberships = try Self.memberships(of: accounts.map(\.id), on: conn)
        for index in accounts.indices { accounts[index].memberships = memberships[accounts[index].id] ?? [] }
        return accounts
    }

    /// Memberships by account, each account's ordered by role then organisation.
    static func memberships(of accountIDs: [Int64], on conn: PQConnection) throws -> [Int64: [AccountMembership]] {
        var result: [Int64: [AccountMembership]] = [:]
        for row in try conn.query(
            """
            SELECT m.account_id, m.organisation_id, m.role, coalesce(o.short_name, o.full_name) FROM account_membership m
            LEFT JOIN organisation o ON o.id = m.organisation_id
            WHERE m.account_id = ANY($1) ORDER BY m.account_id, m.role, m.organisation_id NULLS FIRST
            """, [accountIDs])
        {
            result[try row.decode(0), default: []].append(
                AccountMembership(organisationID: try row.decode(1), role: try row.decode(2), organisationName: try row.decode(3)))
        }
        return result
    }
}

public enum AccountLinkPurpose: String, Sendable, Hashable, Codable, PQEncodable, PQDecodable {
    case invitation
    case passwordReset = "password_reset"
}

/// A link just made: `raw` is its secret, shown once (in the link) and never stored or printed otherwise.
public struct IssuedLink: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let raw: String
    public let id: Int64
    public let accountID: Int64
    public let purpose: AccountLinkPurpose
    public let expiresAt: Date

    public var description: String { "IssuedLink(id: \(id), account: \(accountID), purpose: \(purpose.rawValue))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["id": id, "accountID": accountID, "purpose": purpose]) }
}

/// One counted login attempt: whether it may go on, and when the window ends (for Retry-After).
public struct ThrottleVerdict: Sendable, Hashable {
    public var allowed: Bool
    public var attempts: Int
    public var windowEndsAt: Date
}

/// Random secrets for links and sessions: 32 bytes from the system's secure generator, base64url.
enum Secret {
    static func generate(prefix: String) -> String {
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
}
