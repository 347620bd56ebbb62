import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetMail
import SchoolNetStore
import SchoolNetWeb
import ServiceLifecycle

/// `schoolnet serve`: runs the HTTP API until SIGTERM or SIGINT, then drains in-flight requests.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API.",
        discussion: "Example:\n  DATABASE_URL=postgresql://schoolnet@127.0.0.1/schoolnet schoolnet serve --migrate --port 8080 --pool-size 16"
    )

    @Option(help: "Address to bind (env SCHOOLNET_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (env SCHOOLNET_PORT, default 8080).")
    var port: Int?

    @Option(help: "Database connections in the pool (env SCHOOLNET_POOL_SIZE, default 16).")
    var poolSize: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env SCHOOLNET_LOG_LEVEL, default info).")
    var logLevel: String?

    @Option(help: "Seconds a client connection may send nothing (mid-request or between requests) before it is closed (default 30).")
    var idleTimeout: Int = 30

    @Option(help: "Seconds a client has to send a request's whole head (request line and headers) after its first byte (default 10).")
    var headerTimeout: Int = 10

    @Option(help: "Open client connections at most; more wait in the listen backlog (default 1024).")
    var maxConnections: Int = 1024

    @Option(help: "Seconds to let in-flight requests finish after SIGTERM/SIGINT before they are cancelled (default 30).")
    var drainTimeout: Int = 30

    @Flag(
        help:
            "Apply pending database migrations before serving (needs the owner's login; production migrates with `schoolnet db migrate` and serves as a runtime login)."
    )
    var migrate = false

    @Option(help: "Seconds between deletions of ended sessions and spent login counters (default 3600; also at start).")
    var housekeepingInterval: Int = 3600

    @Option(help: "Seconds a visitor's public page may be served from the cache at most (0: no cache; default 10). Changes empty it at once.")
    var pageCacheSeconds: Int = 10

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let settings = try self.settings()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        var logger = Logger(label: "schoolnet")
        logger.logLevel = settings.logLevel

        // --database-url, else DATABASE_URL, else libpq's PG* variables: the same rule as every other command.
        var configuration = self.database.configuration
        configuration.applicationName = "schoolnet-serve"
        // A request waits at most 5 s for a pooled connection, then answers 503 with Retry-After.
        let pool = PQPool(configuration: configuration, size: settings.poolSize, acquireTimeout: .seconds(5))
        // Token lookups have two connections of their own: a saturated main pool cannot starve authentication.
        var authConfiguration = configuration
        authConfiguration.applicationName = "schoolnet-serve-auth"
        let authPool = PQPool(configuration: authConfiguration, size: 2, acquireTimeout: .seconds(2))
        // The pools outlive the server: ServiceGroup drains in-flight requests first, then this shuts them down.
        let poolService = PoolService(pool: pool)
        let authPoolService = PoolService(pool: authPool)

        if self.migrate {
            do {
                let applied = try await Migrator().migrate(pool)
                logger.info("migrations applied", metadata: ["count": .stringConvertible(applied.count), "names": .string(applied.joined(separator: ","))])
            } catch {
                await pool.shutdown()
                await authPool.shutdown()
                throw error
            }
        }
        // Loud, not fatal: a superuser or the tables' owner serves fine, but can alter the audit log and the schema.
        do {
            for warning in try await pool.withConnection({ conn in try Migrator.loginWarnings(conn) }) {
                logger.critical("UNSAFE DATABASE LOGIN: \(warning)")
            }
        } catch {
            logger.warning("could not check the database login's rights", metadata: ["error": .string("\(error)")])
        }
        let dependencies = AppDependencies.live(pool: pool, authPool: authPool)

        guard idleTimeout >= 1, headerTimeout >= 1, maxConnections >= 1, drainTimeout >= 0, housekeepingInterval >= 1, pageCacheSeconds >= 0 else {
            throw ValidationError(
                "--idle-timeout, --header-timeout, --max-connections and --housekeeping-interval must be at least 1, --drain-timeout and --page-cache-seconds at least 0"
            )
        }
        let publicURL = ProcessInfo.processInfo.environment[EnvironmentVariable.publicURL.rawValue]
        // Read once: whether links are mailed (the pages say so) and whether the delivery worker runs below.
        let smtp = try SMTPSettings.fromEnvironment()
        let webServices = WebServices.live(pool: pool, authPool: authPool, mailsLinks: smtp != nil)
        let cache = pageCacheSeconds > 0 ? PublicPageCache(maxAge: .seconds(pageCacheSeconds)) : nil
        let web = WebRoutes(services: webServices, config: WebConfig(publicURL: publicURL), cache: cache)
        let app = buildWebApplication(
            HTTPConfig(
                host: settings.host, port: settings.port, idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections,
                headerTimeout: .seconds(headerTimeout)),
            dependencies: dependencies, web: web,
            logger: logger
        )
        var background: [any Service] = [
            AccountHousekeepingService(accounts: webServices.accounts, interval: .seconds(housekeepingInterval), logger: logger),
            // reminders and digests written when due, webhooks posted (issue 15): whether or not mail is configured
            NotificationScheduleService(pool: pool, interval: .seconds(60), logger: logger)
        ]
        if let cache { background.append(PageCacheService(cache: cache, pool: pool, logger: logger)) }
        // Mail goes out from here when SMTP is configured (else the outbox's rows wait for `notify run` or a later start).
        if let smtp {
            let worker = DeliveryWorker.live(pool: pool, settings: smtp, publicURL: publicURL ?? Accounts.publicURL(), logger: logger)
            background.append(DeliveryService(worker: worker, pollInterval: .seconds(30)))
            logger.info("mail delivery on", metadata: ["smtp": .string("\(smtp.host):\(smtp.port)")])
        } else {
            logger.notice("mail delivery off: SCHOOLNET_SMTP_HOST is not set; notifications wait in the outbox")
        }
        var groupConfiguration = ServiceGroupConfiguration(
            // Services stop in reverse order: the server drains first, then the background work, the pools close last.
            services: [poolService, authPoolService] + background + [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A request still running after the drain deadline is cancelled (its query too) rather than holding shutdown.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(drainTimeout)
        let services = ServiceGroup(configuration: groupConfiguration)
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
            poolSize: try EnvironmentVariable.poolSize.resolve(flag: self.poolSize, default: 16) { Int($0) },
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
