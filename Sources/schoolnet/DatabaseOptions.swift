import ArgumentParser
import PQ

/// Where the database is: --database-url, else DATABASE_URL, else libpq's PG* variables.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else PG* variables).")
    var databaseURL: String?

    var configuration: PQConfiguration {
        var config = databaseURL.map(PQConfiguration.init) ?? PQConfiguration.fromEnvironment()
        config.applicationName = "schoolnet-cli"
        if config.connectTimeout == nil { config.connectTimeout = 5 }
        return config
    }

    /// A small pool for one command; always shut down, also when the body throws.
    func withPool<T: Sendable>(_ body: (PQPool) async throws -> T) async throws -> T {
        let pool = PQPool(configuration: configuration, size: 2, acquireTimeout: .seconds(10))
        do {
            let value = try await body(pool)
            await pool.shutdown()
            return value
        } catch {
            await pool.shutdown()
            throw error
        }
    }
}
