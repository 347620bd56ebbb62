import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// `schoolnet serve` deletes ended sessions by itself (`AccountService.purgeEnded`, at start and then every
/// `--housekeeping-interval` seconds), so the table does not grow with every sign-in ever made.
@Suite struct CLIServeHousekeepingTests {
    @Test func serveDeletesEndedSessionsAndKeepsLiveOnes() throws {
        let config = try TestDatabase.migrated("cli_serve_housekeeping")
        let conn = try PQConnection(config)
        try conn.executeScript(
            """
            INSERT INTO account (email, display_name) VALUES ('ended@school.example', 'Ольга');
            INSERT INTO account_session (account_id, id_hash, created_at, last_seen_at, expires_at, revoked_at)
            SELECT id, sha256('expired'), now() - interval '3 days', now() - interval '3 days', now() - interval '2 days', NULL FROM account
            UNION ALL
            SELECT id, sha256('logged out'), now() - interval '1 hour', now() - interval '1 hour', now() + interval '1 day', now() - interval '30 minutes' FROM account
            UNION ALL
            SELECT id, sha256('live'), now() - interval '1 hour', now(), now() + interval '1 day', NULL FROM account;
            """)
        func sessions() throws -> [String] {
            try conn.query("SELECT encode(id_hash, 'hex') FROM account_session ORDER BY id").map { try $0.decode(0, as: String.self) }
        }
        let live = try conn.query("SELECT encode(sha256('live'), 'hex')").first!.decode(0, as: String.self)
        #expect(try sessions().count == 3)

        let log = try CLIServeLoginTests.serveLog(try CLIServeLoginTests.url(config), waitFor: "housekeeping: ended sessions purged")
        #expect(log.contains("housekeeping: ended sessions purged"), "\(log)")
        #expect(log.contains("sessions=2"), "\(log)")
        #expect(try sessions() == [live])
    }
}
