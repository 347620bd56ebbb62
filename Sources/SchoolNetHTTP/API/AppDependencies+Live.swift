import PQ
import SchoolNetDomain
import SchoolNetService

extension AppDependencies {
    /// The production wiring, used by `schoolnet serve` and the database-backed tests alike: readiness is
    /// a trivial query through the pool (`ReadinessService`), tokens are looked up by their hash in PostgreSQL, the services share the pool.
    public static func live(pool: PQPool, time: any TimeSource = SystemTime()) -> AppDependencies {
        let authenticator = TokenAuthenticator(pool: pool, time: time)
        return AppDependencies(
            readiness: { try await ReadinessService(pool: pool).check() },
            authenticate: { raw in try await authenticator.principal(of: raw).map(Principal.init) },
            services: APIServices(pool: pool, time: time)
        )
    }
}
