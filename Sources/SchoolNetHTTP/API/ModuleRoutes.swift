import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `GET /v1/modules` (any token) and `POST /v1/modules` (the regional centre): the programme's modules, which
/// events name; a fresh database has none until the regional centre creates them.
struct ModuleRoutes {
    let dependencies: AppDependencies

    func register(on auth: RouterGroup<AuthenticatedContext>) {
        auth.get("modules") { _, _ -> Response in
            let services = try self.dependencies.requireServices()
            return try JSONResponse.make(ListBody(items: try await services.modules.list().map(ModuleBody.init)))
        }
        auth.post("modules") { request, context -> Response in
            let services = try self.dependencies.requireServices()
            try services.modules.authorizeCreate(by: context.caller)
            let body = try await request.decodeJSON(NewModuleBody.self, context: context)
            let module = try await services.modules.create(name: body.name, audience: try body.moduleAudience(), by: context.caller)
            return try JSONResponse.make(ModuleBody(module), status: .created)
        }
    }
}

/// `POST /v1/modules`: `{name, audience}` (pupils or teachers).
struct NewModuleBody: Decodable {
    var name: String
    var audience: String

    func moduleAudience() throws -> AudienceKind {
        guard let known = AudienceKind(rawValue: audience) else {
            throw BodyProblem.invalid([
                FieldError(
                    field: "audience", code: "invalid_value",
                    detail: .init(ru: "Ожидается pupils или teachers.", en: "Expected pupils or teachers.")
                )
            ])
        }
        return known
    }
}

struct ModuleBody: Encodable {
    var id: Int64
    var name: String
    var audience: String

    init(_ module: ProgrammeModule) {
        self.id = module.id.rawValue
        self.name = module.name
        self.audience = module.audience.rawValue
    }
}
