import Hummingbird
import HummingbirdCore
import NIOCore
import Logging

/// Builds the application that `schoolnet serve` runs and tests exercise.
public func buildApplication(
    _ config: HTTPConfig,
    dependencies: AppDependencies,
    logger: Logger = Logger(label: "schoolnet.http")
) -> some ApplicationProtocol {
    buildApplication(config, dependencies: dependencies, logger: logger, extraRoutes: { _ in })
}

/// As above, with `extraRoutes` registered last, behind the same middleware: for test-only routes.
/// `onListening` gets the bound port once the server accepts connections (the port is chosen by the system for 0).
/// `extraMiddleware` runs for every route, the API's too, inside the problem middleware.
public func buildApplication(
    _ config: HTTPConfig,
    dependencies: AppDependencies,
    logger: Logger = Logger(label: "schoolnet.http"),
    extraMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] = [],
    extraRoutes: (Router<AppRequestContext>) -> Void,
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(config, dependencies: dependencies, extraMiddleware: extraMiddleware)
    extraRoutes(router)
    func amount(_ d: Duration) -> TimeAmount {
        let (seconds, atto) = d.components
        return .nanoseconds(seconds * 1_000_000_000 + atto / 1_000_000_000)
    }
    let idle = config.idleTimeout.map(amount)
    let header = config.headerTimeout.map(amount)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: header.map { [HeaderDeadlineHandler(deadline: $0)] } ?? [],
                idleTimeout: idle)),
        configuration: .init(
            address: .hostname(config.host, port: config.port),
            backlog: config.backlog,
            availableConnectionsDelegate: config.maxConnections.map { MaximumAvailableConnections($0, logger: logger) }
        ),
        onServerRunning: { channel in
            if let port = channel.localAddress?.port { await onListening(port) }
        },
        logger: logger
    )
}

/// The router with every production route; its `routes` are what the OpenAPI test compares.
public func buildRouter(
    _ config: HTTPConfig, dependencies: AppDependencies,
    extraMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] = []
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Order matters: the id exists before anything logs, the log line sees the final status,
    // and every error below the problem middleware becomes problem+json.
    router.add(middleware: RequestScopeMiddleware(maxBodySize: config.maxBodySize))
    router.add(middleware: RequestLogMiddleware<AppRequestContext>())
    router.add(middleware: NoStoreMiddleware<AppRequestContext>())
    router.add(middleware: ProblemMiddleware<AppRequestContext>())
    for middleware in extraMiddleware { router.add(middleware: middleware) }

    SystemController(dependencies: dependencies, readinessTimeout: config.readinessTimeout).addRoutes(to: router)
    APIRoutes(dependencies: dependencies).addRoutes(to: router.group("v1"))
    return router
}
