import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `/v1/applications`: a school applies and manages its own applications; the organiser accepts or rejects.
/// Who may do what is the service's to decide (roles, and whose application is whose: one the caller may not see
/// answers 404); where a body is read, the route asks the service's role gate first, so a wrong role learns nothing.
struct ApplicationController {
    let dependencies: AppDependencies

    func addRoutes(to auth: RouterGroup<AuthenticatedContext>) {
        auth.post("applications", use: self.create)
        // The same, addressed by the event (as scripts/demo prints it); the body's eventId, if any, must agree.
        auth.post("events/{eventID}/applications", use: self.createForEvent)
        auth.get("applications", use: self.list)
        auth.get("applications/{applicationID}", use: self.show)
        auth.put("applications/{applicationID}", use: self.edit)
        auth.post("applications/{applicationID}/withdraw", use: self.withdraw)
        auth.post("applications/{applicationID}/accept", use: self.accept)
        auth.post("applications/{applicationID}/reject", use: self.reject)
    }

    /// `POST /v1/applications`.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await self.register(request, context: context, pathEvent: nil)
    }

    /// `POST /v1/events/{eventID}/applications`.
    @Sendable func createForEvent(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await self.register(request, context: context, pathEvent: EventID(rawValue: try context.id("eventID")))
    }

    /// `GET /v1/applications?eventId&organisationId&after&limit`.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        func id(_ name: String) -> Int64? {
            guard let raw = query[Substring(name)] else { return nil }
            guard let value = Int64(raw), value > 0 else {
                errors.append(QueryProblem.invalid(name, ru: "Ожидается положительное целое число.", en: "Expected a positive integer."))
                return nil
            }
            return value
        }
        let eventID = id("eventId").map(EventID.init(rawValue:))
        let organisationID = id("organisationId").map(OrganisationID.init(rawValue:))
        let page = PageRequest(request, errors: &errors)
        if !errors.isEmpty { throw QueryProblem(errors: errors) }
        // One row more than the page: it only tells whether there is a next page.
        let fetched = try await services.registration.applications(
            eventID: eventID, organisationID: organisationID, after: page.after.map(ApplicationID.init(rawValue:)), limit: page.limit + 1,
            by: context.caller)
        return try JSONResponse.make(PageBody(fetched: fetched, limit: page.limit, id: \.id.rawValue))
    }

    /// `GET /v1/applications/{applicationID}`.
    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let id = ApplicationID(rawValue: try context.id("applicationID"))
        return try JSONResponse.make(try await services.registration.application(id, by: context.caller))
    }

    /// `PUT /v1/applications/{applicationID}`: the whole new state of what the school may change.
    @Sendable func edit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        try services.registration.authorize(.change, by: context.caller)
        let id = ApplicationID(rawValue: try context.id("applicationID"))
        let change = try await request.decodeJSON(ApplicationChange.self, context: context)
        return try JSONResponse.make(try await services.registration.edit(id, change, by: context.caller))
    }

    /// `POST /v1/applications/{applicationID}/withdraw`.
    @Sendable func withdraw(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        try services.registration.authorize(.change, by: context.caller)
        let id = ApplicationID(rawValue: try context.id("applicationID"))
        let body = try await request.decodeOptionalJSON(WithdrawBody.self, context: context) ?? WithdrawBody()
        return try JSONResponse.make(try await services.registration.withdraw(id, reason: body.reason, by: context.caller))
    }

    /// `POST /v1/applications/{applicationID}/accept`.
    @Sendable func accept(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        try services.registration.authorize(.review, by: context.caller)
        let id = ApplicationID(rawValue: try context.id("applicationID"))
        return try JSONResponse.make(try await services.registration.review(id, decision: .accept, by: context.caller))
    }

    /// `POST /v1/applications/{applicationID}/reject`.
    @Sendable func reject(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        try services.registration.authorize(.review, by: context.caller)
        let id = ApplicationID(rawValue: try context.id("applicationID"))
        let body = try await request.decodeJSON(RejectBody.self, context: context)
        return try JSONResponse.make(
            try await services.registration.review(id, decision: .reject(reason: body.reason), by: context.caller))
    }

    /// Registers the body's application; `pathEvent` is the event named by the URL, if any.
    private func register(_ request: Request, context: AuthenticatedContext, pathEvent: EventID?) async throws -> Response {
        let services = try self.dependencies.requireServices()
        try services.registration.authorize(.register, by: context.caller)
        let key = try request.idempotencyKey()
        let body = try await request.decodeJSON(RegistrationBody.self, context: context)
        let registration = try body.request(pathEvent: pathEvent, idempotencyKey: key)
        let outcome = try await services.registration.register(registration, by: context.caller)
        var headers: HTTPFields = [.location: "/v1/applications/\(outcome.application.id.rawValue)"]
        if outcome.replayed { headers[.idempotentReplayed] = "true" }
        return try JSONResponse.make(outcome.application, status: outcome.replayed ? .ok : .created, headers: headers)
    }
}
