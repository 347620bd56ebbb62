import Foundation
import Hummingbird
import Logging
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// Settings of the pages.
public struct WebConfig: Sendable {
    /// Every browser reaches us over https (SCHOOLNET_PUBLIC_URL starts with https): cookies are always `Secure`.
    public var httpsOnly: Bool
    /// Where people reach the pages (SCHOOLNET_PUBLIC_URL, no trailing slash): for absolute links leaving the site (the
    /// calendar's) and the links an invitation shows; nil: the calendar has none and an invitation uses the browser's address.
    public var publicURL: String?

    public init(httpsOnly: Bool = false, publicURL: String? = nil) {
        self.httpsOnly = httpsOnly
        self.publicURL = publicURL.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : String($0.reversed().drop(while: { $0 == "/" }).reversed())
        }
    }

    /// From the public address the links name.
    public init(publicURL: String?) {
        self.init(httpsOnly: publicURL?.lowercased().hasPrefix("https://") ?? false, publicURL: publicURL)
    }
}

/// What the pages call: the API's services (the same rules, written once) and the accounts.
public struct WebServices: Sendable {
    public var api: APIServices
    public var accounts: AccountService

    public init(api: APIServices, accounts: AccountService) {
        self.api = api
        self.accounts = accounts
    }
}

/// The web pages, added to the application's router beside `/v1` behind the same request id, log and limits.
public struct WebRoutes: Sendable {
    let services: WebServices
    let config: WebConfig
    let renderer = PageRenderer()
    /// Visitors' public pages, when the server keeps them (`serve` does; most tests render every page afresh).
    let cache: PublicPageCache?

    public init(services: WebServices, config: WebConfig = WebConfig(), cache: PublicPageCache? = nil) {
        self.services = services
        self.config = config
        self.cache = cache
    }

    /// For every route, the API's too: a write empties the page cache before its answer leaves.
    /// And a path no route serves is the site's own 404 page (outside `/v1`, which keeps problem+json).
    public var middleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] {
        let notFound = WebNotFoundMiddleware(
            errors: WebErrorMiddleware(renderer: renderer), front: WebFrontMiddleware(accounts: services.accounts, config: config))
        return [notFound] + (cache.map { [PublicPageWriteMiddleware<AppRequestContext>(cache: $0)] } ?? [])
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        let framed = router.group(context: WebContext.self).add(middleware: WebErrorMiddleware(renderer: renderer))
        let front = WebFrontMiddleware(accounts: services.accounts, config: config)
        let pages = framed.group().add(middleware: front)
        // The public pages: from the cache, if any, before the front middleware looks for a session.
        var publicGroup = framed.group()
        if let cache { publicGroup = publicGroup.add(middleware: PublicPageCacheMiddleware(cache: cache)) }
        publicGroup = publicGroup.add(middleware: front)
        StaticFiles().addRoutes(to: router)
        AuthPages(services: services, renderer: renderer).addRoutes(to: pages)
        PublicPages(services: services, renderer: renderer, config: config).addRoutes(to: publicGroup)
        SchoolPages(services: services, renderer: renderer).addRoutes(to: pages)
        RegistrationPages(services: services, renderer: renderer).addRoutes(to: pages)
        InvitePages(services: services, renderer: renderer, config: config).addRoutes(to: pages)
    }
}

/// The application `schoolnet serve` runs: the API and the pages.
public func buildWebApplication(
    _ config: HTTPConfig, dependencies: AppDependencies, web: WebRoutes,
    logger: Logger = Logger(label: "schoolnet.http"),
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(
        config, dependencies: dependencies, logger: logger, extraMiddleware: web.middleware, extraRoutes: { web.addRoutes(to: $0) },
        onListening: onListening)
}

extension WebServices {
    /// The production wiring: the API's services over `pool`; accounts (sessions are checked on every page) over
    /// `authPool`, as tokens are, so pages queueing for the main pool cannot starve signing in. `mailsLinks` (serve sets
    /// it when SCHOOLNET_SMTP_HOST is set): invitation links are mailed, and the pages say so instead of showing them.
    public static func live(pool: PQPool, authPool: PQPool? = nil, time: any TimeSource = SystemTime(), mailsLinks: Bool = false) -> WebServices {
        WebServices(
            api: APIServices(pool: pool, time: time), accounts: AccountService(pool: authPool ?? pool, time: time, mailsLinks: mailsLinks))
    }
}
