import Foundation
import Hummingbird
import NIOCore
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService
import Synchronization

/// Rendered public pages for visitors (no session cookie): the catalogue per (language, filter), an event's page,
/// its results and the calendar, kept as the bytes sent, so a visitor's request costs no query and no rendering.
///
/// Never stale for longer than a change takes to reach this server: a change to what the pages show sends
/// `NOTIFY public_pages` (from the database's triggers, migration 0022, or from the server that answered the write)
/// and `listen(pool:)` empties the cache when it arrives; a write request answered by this server empties it too
/// before its answer leaves (so "places left" is right on the very next page, whatever the notification's delay). A page rendered while a change happened is not kept: every
/// render takes a ticket with the cache's generation and `store` drops it if the generation moved. While the
/// listener is not connected (at start, after losing the database), nothing is cached. `maxAge` is the safety net
/// for what changes with time alone (registration opening, a deadline passing).
/// Pages with a session, or with anything personal, never come here (`PublicPageCacheMiddleware`).
public final class PublicPageCache: Sendable {
    public struct Entry: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
        let stored: ContinuousClock.Instant
    }

    /// What a render needs to store its page: the key and the generation it started in.
    struct Ticket: Sendable {
        let cache: PublicPageCache
        let key: String
        let generation: UInt64

        func keep(headers: HTTPFields, body: ByteBuffer) { cache.store(self, headers: headers, body: body) }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation: UInt64 = 0
        var listening: Bool
        var invalidations = 0
        /// Where `listen` listens: writes answered here are announced there for the other servers.
        var pool: PQPool?
    }

    public let maxAge: Duration
    public let maxEntries: Int
    private let clock = ContinuousClock()
    private let state: Mutex<State>

    /// `alwaysOn`: cache without a listener (tests that invalidate by hand); `serve` starts off and turns on
    /// when `listen` is listening.
    public init(maxAge: Duration = .seconds(10), maxEntries: Int = 2_000, alwaysOn: Bool = false) {
        self.maxAge = maxAge
        self.maxEntries = maxEntries
        self.state = Mutex(State(listening: alwaysOn))
    }

    /// The page kept under `key`, if still fresh.
    func lookup(_ key: String) -> Entry? {
        let now = clock.now
        return state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            return now - entry.stored < maxAge ? entry : nil
        }
    }

    /// A ticket for rendering `key`; nil while nothing may be cached.
    func ticket(_ key: String) -> Ticket? {
        state.withLock { $0.listening ? Ticket(cache: self, key: key, generation: $0.generation) : nil }
    }

    /// Keeps a page rendered under `ticket`, unless something changed since the ticket was taken.
    func store(_ ticket: Ticket, headers: HTTPFields, body: ByteBuffer) {
        let now = clock.now
        state.withLock { state in
            guard state.listening, state.generation == ticket.generation else { return }
            if state.entries[ticket.key] == nil, state.entries.count >= maxEntries {
                state.entries = state.entries.filter { now - $0.value.stored < maxAge }
                // Full of fresh pages (many filters asked at once): serve the rest uncached until the next change.
                if state.entries.count >= maxEntries { return }
            }
            state.entries[ticket.key] = Entry(headers: headers, body: body, stored: now)
        }
    }

    /// Something changed: every page goes, and renders under way are not kept.
    public func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
            state.invalidations += 1
        }
    }

    /// How many times the cache was emptied (tests wait for a notification with it).
    public var invalidations: Int { state.withLock { $0.invalidations } }

    /// How many pages are kept now.
    public var count: Int { state.withLock { $0.entries.count } }

    func setListening(_ listening: Bool) {
        state.withLock { state in
            state.listening = listening
            state.generation &+= 1
            state.entries.removeAll()
            state.invalidations += 1
        }
    }

    /// A write answered by this server: empty the cache now, and tell the other servers (the triggers do not
    /// announce new applications; `PublicPageChanges.announce`). A lost announcement costs at most `maxAge`.
    func written(succeeded: Bool) {
        invalidate()
        guard succeeded, let pool = state.withLock({ $0.pool }) else { return }
        Task { try? await PublicPageChanges.announce(pool: pool) }
    }

    /// Listens for changes until cancelled, emptying the cache on each; caches only while listening.
    public func listen(pool: PQPool) async throws {
        state.withLock { $0.pool = pool }
        let changes = PublicPageChanges.stream(pool: pool) { [weak self] listening in self?.setListening(listening) }
        defer { setListening(false) }
        for try await _ in changes { invalidate() }
    }
}

/// Serves visitors' public pages from `PublicPageCache`, before anything else is done for the request; on a miss,
/// gives the page a ticket to store itself with (`PageRenderer`). A request with a session cookie (even an
/// expired one) passes untouched: a signed-in person's page is never cached.
struct PublicPageCacheMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let cache: PublicPageCache

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method == .get, !Self.hasSession(request) else { return try await next(request, context) }
        let language: Language =
            request.cookies[WebCookies.language].flatMap { Language(rawValue: $0.value) }
            ?? Language(acceptLanguage: request.headers[.acceptLanguage])
        let key = Self.key(request, language: language)
        if let entry = cache.lookup(key) {
            return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
        }
        var context = context
        context.cacheTicket = cache.ticket(key)
        return try await next(request, context)
    }

    static func hasSession(_ request: Request) -> Bool {
        guard let cookie = request.headers[.cookie] else { return false }
        return cookie.contains(WebCookies.session + "=")
    }

    /// The language, the path, and for the catalogue and the calendar the filter as the page reads it (anything
    /// else in the query changes nothing on the page, so it makes no new entry).
    static func key(_ request: Request, language: Language) -> String {
        let path = request.uri.path
        guard path == "/" || path == "/calendar.ics" else { return "\(language.rawValue) \(path)" }
        let filter = PublicPages.filter(request.uri.queryParameters)
        return "\(language.rawValue) \(path) \(filter.moduleID?.rawValue ?? 0) \(filter.audience?.rawValue ?? "") \(filter.grade ?? 0)"
    }
}

/// Empties `PublicPageCache` after every request that may have changed something (any method but GET and HEAD),
/// before its answer goes out: the next page this server renders shows the change, without waiting for a
/// notification; and announces it to the other servers. Added to the whole router (the API's writes too).
struct PublicPageWriteMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: PublicPageCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            cache.written(succeeded: false)
            throw error
        }
        cache.written(succeeded: response.status.code < 400)
        return response
    }
}
