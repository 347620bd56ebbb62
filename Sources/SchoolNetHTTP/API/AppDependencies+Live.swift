import PQ
import SchoolNetDomain
import SchoolNetService

extension AppDependencies {
    /// The production wiring, used by `schoolnet serve` and the database-backed tests alike: readiness is
    /// a trivial query through the pool (`ReadinessService`), tokens are looked up by their hash in PostgreSQL, the services share the pool.
    /// `authPool` (a small pool of its own in `serve`) looks tokens up, so requests queueing for `pool`
    /// cannot starve authentication; by default it is `pool`.
    public static func live(pool: PQPool, authPool: PQPool? = nil, time: any TimeSource = SystemTime()) -> AppDependencies {
        let authenticator = TokenAuthenticator(pool: authPool ?? pool, time: time)
        return AppDependencies(
            readiness: { try await ReadinessService(pool: pool).check() },
            authenticate: { raw in try await authenticator.caller(of: raw) },
            services: APIServices(pool: pool, time: time)
        )
    }
}
