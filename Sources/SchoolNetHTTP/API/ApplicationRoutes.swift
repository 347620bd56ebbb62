import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `/v1/applications`: a school applies and manages its own applications; the organiser accepts or rejects.
/// Whose application is whose is the service's to decide: one the caller may not see answers 404.
struct ApplicationRoutes {
    let dependencies: AppDependencies

    func register(on auth: RouterGroup<AuthenticatedContext>) {
        auth.post("applications") { request, context -> Response in
            try context.require(.school, .admin)
            let services = try self.dependencies.requireServices()
            let key = try request.idempotencyKey()
            var body = try await request.decodeJSON(RegistrationRequest.self, context: context)
            if body.idempotencyKey != nil {
                // One place for the key: a body field would let a retry send a different one by accident.
                throw BodyProblem.invalid([FieldError(
                    field: "idempotencyKey", code: "unknown_field",
                    detail: .init(ru: "Ключ идемпотентности передаётся в заголовке Idempotency-Key.", en: "Send the idempotency key in the Idempotency-Key header.")
                )])
            }
            body.idempotencyKey = key
            let outcome = try await services.registration.register(body, by: Caller(context.principal))
            var headers: HTTPFields = [.location: "/v1/applications/\(outcome.application.id.rawValue)"]
            if outcome.replayed { headers[.idempotentReplayed] = "true" }
            return try JSONResponse.make(outcome.application, status: outcome.replayed ? .ok : .created, headers: headers)
        }

        auth.get("applications") { request, context -> Response in
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
            if !errors.isEmpty { throw QueryProblem(errors: errors) }
            let list = try await services.registration.applications(eventID: eventID, organisationID: organisationID, by: Caller(context.principal))
            return try JSONResponse.make(ListBody(items: list))
        }

        auth.get("applications/{applicationID}") { _, context -> Response in
            let services = try self.dependencies.requireServices()
            let id = ApplicationID(rawValue: try context.id("applicationID"))
            return try JSONResponse.make(try await services.registration.application(id, by: Caller(context.principal)))
        }

        auth.put("applications/{applicationID}") { request, context -> Response in
            try context.require(.school, .admin)
            let services = try self.dependencies.requireServices()
            let id = ApplicationID(rawValue: try context.id("applicationID"))
            let change = try await request.decodeJSON(ApplicationChange.self, context: context)
            return try JSONResponse.make(try await services.registration.edit(id, change, by: Caller(context.principal)))
        }

        auth.post("applications/{applicationID}/withdraw") { request, context -> Response in
            try context.require(.school, .admin)
            let services = try self.dependencies.requireServices()
            let id = ApplicationID(rawValue: try context.id("applicationID"))
            let body = try await request.decodeOptionalJSON(WithdrawBody.self, context: context) ?? WithdrawBody()
            return try JSONResponse.make(try await services.registration.withdraw(id, reason: body.reason, by: Caller(context.principal)))
        }

        auth.post("applications/{applicationID}/accept") { _, context -> Response in
            try context.require(.organiser, .admin)
            let services = try self.dependencies.requireServices()
            let id = ApplicationID(rawValue: try context.id("applicationID"))
            return try JSONResponse.make(try await services.registration.review(id, decision: .accept, by: Caller(context.principal)))
        }

        auth.post("applications/{applicationID}/reject") { request, context -> Response in
            try context.require(.organiser, .admin)
            let services = try self.dependencies.requireServices()
            let id = ApplicationID(rawValue: try context.id("applicationID"))
            let body = try await request.decodeJSON(RejectBody.self, context: context)
            return try JSONResponse.make(
                try await services.registration.review(id, decision: .reject(reason: body.reason), by: Caller(context.principal)))
        }
    }
}
