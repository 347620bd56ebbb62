import Foundation
import PQ
import SchoolNetDomain

/// Sessions of personal accounts. The id (the cookie's value) is made here, shown once, and stored only as its
/// SHA-256. A session is valid while it is not revoked, its absolute expiry is ahead, it was seen within the idle
/// limit, and its account is not disabled; each use moves `last_seen_at` (at most every `refreshGranularity`).
public struct SessionRepository: Sendable {
    public init() {}

    /// `last_seen_at` moves at most this often: each move is a row update.
    public static let refreshGranularity: TimeInterval = 60

    /// A new session for the account (a new id at every login, so an id planted before login is worthless).
    public func create(accountID: Int64, at: Date, expiresAt: Date, address: String?, on conn: PQConnection) throws -> NewSession {
        let raw = Secret.generate(prefix: "sns_")
        let id: Int64 = try conn.one(
            """
            INSERT INTO account_session (account_id, id_hash, created_at, last_seen_at, expires_at, address)
            VALUES ($1, $2, $3, $3, $4, $5) RETURNING id
            """, [accountID, TokenRepository.hash(raw), at, expiresAt, address]
        ).decode(0)
        return NewSession(raw: raw, sessionID: id, accountID: accountID, expiresAt: expiresAt)
    }

    /// Whose the session is at `now`, refreshing its idle expiry; nil when unknown, revoked, expired (idle or
    /// absolute) or its account disabled.
    public func validate(_ raw: String, at now: Date, idle: TimeInterval, on conn: PQConnection) throws -> AccountPrincipal? {
        guard
            let row = try conn.query(
                """
                WITH found AS (
                    SELECT s.id, s.account_id, s.last_seen_at FROM account_session s JOIN account a ON a.id = s.account_id
                    WHERE s.id_hash = $1 AND s.revoked_at IS NULL
                      AND s.expires_at > $2 AND s.last_seen_at > $2 - make_interval(secs => $3) AND a.disabled_at IS NULL
                ), touched AS (
                    UPDATE account_session s SET last_seen_at = $2 FROM found
                    WHERE s.id = found.id AND found.last_seen_at <= $2 - make_interval(secs => $4)
                )
                SELECT f.id, a.id, a.email, a.display_name, a.person_id FROM found f JOIN account a ON a.id = f.account_id
                """, [TokenRepository.hash(raw), now, idle, Self.refreshGranularity]
            ).first
        else { return nil }
        let accountID: Int64 = try row.decode(1)
        return AccountPrincipal(
            accountID: accountID, sessionID: try row.decode(0), email: try row.decode(2), displayName: try row.decode(3),
            personID: try row.decode(4), memberships: try AccountRepository.memberships(of: [accountID], on: conn)[accountID] ?? [])
    }

    /// Ends one session (logout); false when it was unknown or ended already.
    @discardableResult
    public func revoke(_ raw: String, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE account_session SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL
            """, [TokenRepository.hash(raw), at]) == 1
    }

    /// Ends every session of the account (logout everywhere, a new password, a disabled account); how many.
    @discardableResult
    public func revokeAll(accountID: Int64, at: Date, on conn: PQConnection) throws -> Int {
        try conn.execute("UPDATE account_session SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL", [accountID, at])
    }

    /// The account's sessions that would still be valid at `now`.
    public func activeCount(accountID: Int64, at now: Date, idle: TimeInterval, on conn: PQConnection) throws -> Int {
        Int(
            try conn.one(
                """
                SELECT count(*) FROM account_session WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2
                  AND last_seen_at > $2 - make_interval(secs => $3)
                """, [accountID, now, idle]
            ).decode(0, as: Int64.self))
    }

    /// The web layer's data kept with the session (JSON), or nil when the session is not valid.
    public func data<Value: Codable>(_ raw: String, as type: Value.Type, at now: Date, on conn: PQConnection) throws -> Value? {
        try conn.query(
            """
            SELECT data FROM account_session WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2
            """, [TokenRepository.hash(raw), now]
        ).first?.decode(0, as: PQJSON<Value>.self).value
    }

    /// Replaces the session's data; false when the session is not valid.
    @discardableResult
    public func setData<Value: Codable>(_ raw: String, _ data: Value, at now: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE account_session SET data = $2 WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $3
            """, [TokenRepository.hash(raw), PQJSON(data), now]) == 1
    }

    /// Deletes sessions that ended before `before` (expired or revoked); how many.
    @discardableResult
    public func purge(endedBefore before: Date, on conn: PQConnection) throws -> Int {
        try conn.execute("DELETE FROM account_session WHERE expires_at < $1 OR revoked_at < $1", [before])
    }
}

/// A session just made: `raw` goes into the cookie and nowhere else (never logged, never stored).
public struct NewSession: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let raw: String
    public let sessionID: Int64
    public let accountID: Int64
    public let expiresAt: Date

    public var description: String { "NewSession(id: \(sessionID), account: \(accountID))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["sessionID": sessionID, "accountID": accountID]) }
}
