import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `GET /v1/events` and `GET /v1/events/{eventID}`: what schools may apply to, for any valid token.
struct EventController {
    let dependencies: AppDependencies

    func addRoutes(to auth: RouterGroup<AuthenticatedContext>) {
        auth.get("events", use: self.list)
        auth.get("events/{eventID}", use: self.show)
    }

    /// `GET /v1/events?module&audience&schoolYear`: events open to applications.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let filter = try Self.filter(request.uri.queryParameters)
        let events = try await services.catalog.openEvents(filter)
        let now = services.catalog.now()
        return try JSONResponse.make(ListBody(items: events.map { EventBody($0, now: now) }))
    }

    /// `GET /v1/events/{eventID}`: the event with its stages and nominations.
    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let id = EventID(rawValue: try context.id("eventID"))
        guard let details = try await services.catalog.event(id) else { throw RegistrationError.eventNotFound(id) }
        return try JSONResponse.make(
            EventBody(details.event, now: services.catalog.now(), stages: details.stages, nominations: details.nominations))
    }

    /// `module` (id), `audience` (pupils | teachers), `schoolYear` (2025-2026 or 2025).
    static func filter(_ query: Parameters) throws -> EventFilter {
        var filter = EventFilter()
        var errors: [FieldError] = []
        if let raw = query["module"] {
            if let id = Int64(raw), id > 0 {
                filter.moduleID = ProgrammeModuleID(rawValue: id)
            } else {
                errors.append(QueryProblem.invalid("module", ru: "Ожидается номер модуля.", en: "Expected a module id."))
            }
        }
        if let raw = query["audience"] {
            if let audience = AudienceKind(rawValue: String(raw)) {
                filter.audience = audience
            } else {
                errors.append(QueryProblem.invalid("audience", ru: "Допустимо pupils или teachers.", en: "Expected pupils or teachers."))
            }
        }
        if let raw = query["schoolYear"] {
            if let year = SchoolYear(label: String(raw)) {
                filter.schoolYear = year
            } else if let start = Int(raw), (2000...2100).contains(start) {
                filter.schoolYear = SchoolYear(startYear: start)
            } else {
                errors.append(QueryProblem.invalid("schoolYear", ru: "Ожидается учебный год вида 2025-2026.", en: "Expected a school year such as 2025-2026."))
            }
        }
        if !errors.isEmpty { throw QueryProblem(errors: errors) }
        return filter
    }
}
