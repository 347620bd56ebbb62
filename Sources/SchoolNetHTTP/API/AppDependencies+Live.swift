import PQ
import SchoolNetDomain
import SchoolNetService

extension AppDependencies {
    /// The production wiring, used by `schoolnet serve` and the database-backed tests alike: readiness is
    /// `SELECT 1` through the pool, tokens are looked up by their hash in PostgreSQL, the services share the pool.
    /// `authPool` (a small pool of its own in `serve`) looks tokens up, so requests queueing for `pool`
    /// cannot starve authentication; by default it is `pool`.
    public static func live(pool: PQPool, authPool: PQPool? = nil, time: any TimeSource = SystemTime()) -> AppDependencies {
        let authenticator = TokenAuthenticator(pool: authPool ?? pool, time: time)
        return AppDependencies(
            readiness: { try await checkReadiness(pool) },
            authenticate: { raw in try await authenticator.principal(of: raw).map(Principal.init) },
            services: APIServices(pool: pool, time: time)
        )
    }

    /// Ready means: a connection answers, the database takes writes (not a standby, not read-only), and no
    /// request met "disk full", "out of resources" or "shutting down" in the last 30 seconds.
    static func checkReadiness(_ pool: PQPool) async throws {
        let readOnly = try await pool.withConnection { conn -> Bool in
            try conn.query("SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only')::bool")[0].decode(0)
        }
        if readOnly {
            throw PQError(kind: .other, sqlState: .readOnlySqlTransaction, message: "the database is read-only")
        }
        if let recent = pool.recentUnavailability(within: .seconds(30)) { throw recent }
    }
}
