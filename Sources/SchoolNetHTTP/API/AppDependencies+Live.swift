import PQ
import SchoolNetDomain
import SchoolNetService

extension AppDependencies {
    /// The production wiring, used by `schoolnet serve` and the database-backed tests alike: readiness is
    /// `SELECT 1` through the pool, tokens are looked up by their hash in PostgreSQL, the services share the pool.
    public static func live(pool: PQPool, time: any TimeSource = SystemTime()) -> AppDependencies {
        let authenticator = TokenAuthenticator(pool: pool, time: time)
        return AppDependencies(
            readiness: { try await pool.withConnection { conn in _ = try conn.query("SELECT 1") } },
            authenticate: { raw in try await authenticator.caller(of: raw) },
            services: APIServices(pool: pool, time: time)
        )
    }
}
