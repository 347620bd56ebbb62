import ArgumentParser
import Hummingbird
import Logging
import SchoolNetHTTP
import ServiceLifecycle

/// `schoolnet serve`: runs the HTTP API until SIGTERM or SIGINT, then drains in-flight requests.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP API.")

    @Option(help: "Address to bind (env SCHOOLNET_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (env SCHOOLNET_PORT, default 8080).")
    var port: Int?

    @Option(help: "Database connections in the pool (env SCHOOLNET_POOL_SIZE, default 8).")
    var poolSize: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env SCHOOLNET_LOG_LEVEL, default info).")
    var logLevel: String?

    @Flag(help: "Apply pending database migrations before serving.")
    var migrate = false

    func run() async throws {
        let settings = try self.settings()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        var logger = Logger(label: "schoolnet")
        logger.logLevel = settings.logLevel

        // wired in integration: open the PQPool (settings.poolSize), run migrations when
        // `migrate` is set, and pass real readiness and token lookup; add the pool's shutdown to
        // the service group below so it closes after the server has drained.
        if self.migrate {
            logger.warning("--migrate is accepted but migrations are not wired into serve yet")
        }
        let dependencies = AppDependencies(
            readiness: { throw NotWired(what: "readiness check (database pool)") },
            authenticate: { _ in nil }
        )

        let app = buildApplication(
            HTTPConfig(host: settings.host, port: settings.port),
            dependencies: dependencies,
            logger: logger
        )
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        logger.info("starting", metadata: ["host": .string(settings.host), "port": .stringConvertible(settings.port)])
        try await services.run()
    }

    struct Settings {
        var host: String
        var port: Int
        var poolSize: Int
        var logLevel: Logger.Level
    }

    func settings() throws -> Settings {
        let settings = Settings(
            host: try EnvironmentVariable.host.resolve(flag: self.host, default: "127.0.0.1") { $0 },
            port: try EnvironmentVariable.port.resolve(flag: self.port, default: 8080) { Int($0) },
            poolSize: try EnvironmentVariable.poolSize.resolve(flag: self.poolSize, default: 8) { Int($0) },
            logLevel: try EnvironmentVariable.logLevel.resolve(
                flag: try self.logLevel.map { try Self.parseLogLevel($0) },
                default: .info,
                parse: { Logger.Level(rawValue: $0.lowercased()) }
            )
        )
        guard (0...65535).contains(settings.port) else { throw ValidationError("port \(settings.port) is out of range 0...65535") }
        guard settings.poolSize >= 1 else { throw ValidationError("pool size must be at least 1") }
        return settings
    }

    private static func parseLogLevel(_ value: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: value.lowercased()) else { throw ValidationError("unknown log level \(value)") }
        return level
    }
}

/// A dependency the integration has not provided yet; `/readyz` reports it as 503.
struct NotWired: Error, CustomStringConvertible {
    var what: String
    var description: String { "\(self.what) is not wired yet" }
}
