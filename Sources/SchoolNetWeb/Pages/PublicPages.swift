import Foundation
import Hummingbird
import NIOCore
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// What anyone may read without signing in: the catalogue (`/`), an event's page, its published results and the
/// calendar of the catalogue's events. Everything comes from `EventCatalogService` and, for results, the same
/// `publicResults` call as `GET /v1/public/events/{id}/results`, so the consent rule is the API's. Served to
/// visitors from `PublicPageCache` when `serve` runs one (the group's middleware).
struct PublicPages {
    let services: WebServices
    let renderer: PageRenderer
    let config: WebConfig

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("") { request, context in try await self.catalogue(request: request, context: context) }
        pages.get("events/:id") { request, context in try await self.event(request: request, context: context) }
        pages.get("events/:id/results") { request, context in try await self.results(request: request, context: context) }
        pages.get("calendar.ics") { request, context in try await self.calendar(request: request, context: context) }
    }

    var catalog: EventCatalogService { services.api.catalog }

    // MARK: catalogue

    func catalogue(request: Request, context: WebContext) async throws -> Response {
        let filter = Self.filter(request.uri.queryParameters)
        async let modules = services.api.modules.list()
        let entries = try await catalog.catalogue(filter)
        let now = catalog.now()
        let language = context.language
        let years = catalog.catalogueYears()
        let t = WebText.table(language)
        var model: [String: Any] = [
            "events": entries.map { EventModels.summary($0, now: now, language: language) },
            "count": String(entries.count),
            "years": "\(years.lowerBound.label), \(years.upperBound.label)",
            "modules": try await modules.map { module -> [String: Any] in
                ["value": String(module.id.rawValue), "name": module.name, "selected": module.id == filter.moduleID]
            },
            "audiences": AudienceKind.allCases.map { audience -> [String: Any] in
                ["value": audience.rawValue, "name": t["audience_\(audience.rawValue)"] ?? audience.rawValue, "selected": audience == filter.audience]
            },
            "grades": (1...11).map { grade -> [String: Any] in ["value": String(grade), "selected": grade == filter.grade] }
        ]
        if filter != CatalogueFilter() { model["filtered"] = true }
        return renderer.page("home", model, request: request, context: context)
    }

    /// The catalogue's filter from the form's query; a value the form cannot send filters nothing.
    static func filter(_ query: Parameters) -> CatalogueFilter {
        var filter = CatalogueFilter()
        if let id = query["module"].flatMap({ Int64($0) }), id > 0 { filter.moduleID = ProgrammeModuleID(rawValue: id) }
        filter.audience = query["audience"].flatMap { AudienceKind(rawValue: String($0)) }
        if let grade = query["grade"].flatMap({ Int($0) }), (1...11).contains(grade) { filter.grade = grade }
        return filter
    }

    // MARK: one event

    func event(request: Request, context: WebContext) async throws -> Response {
        let id = try Self.eventID(context)
        guard let announcement = try await catalog.announcement(id) else { throw WebError.notFound }
        var model = EventModels.page(announcement, now: catalog.now(), language: context.language)
        if model["open"] != nil {
            // Only a school's coordinator applies; a visitor is told how to.
            if context.session?.membership?.role == .coordinator {
                model["register_href"] = "/events/\(id.rawValue)/register"
            } else if context.session == nil {
                model["login_href"] = "/login?next=" + WebPaths.encodeQuery("/events/\(id.rawValue)")
            }
        }
        return renderer.page("event", model, request: request, context: context)
    }

    // MARK: results

    func results(request: Request, context: WebContext) async throws -> Response {
        let id = try Self.eventID(context)
        let language = context.language
        guard let announcement = try await catalog.announcement(id) else { throw WebError.notFound }
        let published: PublicResults
        do {
            published = try await services.api.eventAdmin.publicResults(event: id)
        } catch let refusal as RegistrationRefusal where refusal.errors.map(\.code) == [.notFound] {
            // The service answers alike for no event and for results not out yet; the event itself is public.
            let model: [String: Any] = ["title": announcement.event.title, "href": "/events/\(id.rawValue)"]
            return renderer.page("results_pending", model, request: request, context: context, status: .notFound)
        }
        let zone = announcement.event.timeZone
        let model: [String: Any] = [
            "title": published.eventTitle,
            "href": "/events/\(id.rawValue)",
            "published": "\(WebDates.instant(published.publishedAt, in: zone, language)) (\(WebDates.zone(zone, at: published.publishedAt)))",
            "published_iso": WebDates.machine(published.publishedAt),
            "groups": ResultModels.groups(published.results, language: language)
        ]
        return renderer.page("results", model, request: request, context: context)
    }

    // MARK: calendar

    func calendar(request: Request, context: WebContext) async throws -> Response {
        let entries = try await catalog.catalogue(Self.filter(request.uri.queryParameters))
        let body = CalendarFeed.document(entries, stamp: catalog.now(), language: context.language, publicURL: config.publicURL)
        var headers: HTTPFields = [
            .contentType: "text/calendar; charset=utf-8", .cacheControl: "no-cache",
            .contentDisposition: "inline; filename=\"schoolnet.ics\""
        ]
        WebHeaders.apply(to: &headers)
        let bytes = ByteBuffer(string: body)
        PageRenderer.keep(headers: headers, body: bytes, status: .ok, context: context)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// The `:id` of the path; anything but a positive number is a page that does not exist.
    static func eventID(_ context: WebContext) throws -> EventID {
        guard let raw = context.parameters.get("id"), let id = Int64(raw), id > 0 else { throw WebError.notFound }
        return EventID(rawValue: id)
    }
}
