import Foundation
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetStore

extension AppDependencies {
    /// The production wiring: readiness is `SELECT 1` through the pool, tokens are looked up by their hash in
    /// PostgreSQL, and the services share the pool and the wall clock.
    static func live(pool: PQPool, time: any TimeSource = SystemTime()) -> AppDependencies {
        let tokens = TokenRepository()
        return AppDependencies(
            readiness: {
                try await pool.withConnection { conn in _ = try conn.query("SELECT 1") }
            },
            authenticate: { raw in
                let now = time.now()
                // lookup may move last_used_at, so it runs in a writing transaction.
                let found = try await pool.withTransaction { conn in try tokens.lookup(raw, at: now, on: conn) }
                return found.map(Principal.init)
            },
            services: APIServices(pool: pool, time: time)
        )
    }
}
