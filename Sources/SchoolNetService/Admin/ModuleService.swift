import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// The programme's modules («Человек XXI века», «Точки роста»): anyone with a token reads them, the regional
/// centre creates them (`schoolnet modules create`, `POST /v1/modules`); events name them in their files.
public struct ModuleService: Sendable {
    let pool: PQPool
    let reference = ReferenceRepository()

    public init(pool: PQPool) {
        self.pool = pool
    }

    /// Every module, pupils' first, by name.
    public func list() async throws -> [ProgrammeModule] {
        try await pool.withConnection { [reference] conn in try reference.modules(on: conn) }
    }

    /// `forbidden` unless the caller may create modules (the regional centre); `create` checks it first, a route may
    /// ask before it reads a body.
    public func authorizeCreate(by caller: Caller) throws {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
    }

    /// Creates a module; a name already taken (in any case, ё as е) is refused naming the existing module.
    public func create(name raw: String, audience: AudienceKind, by caller: Caller) async throws -> ProgrammeModule {
        try authorizeCreate(by: caller)
        guard let name = ApplicationChange.tidy(raw) else {
            throw RegistrationError(.validation, field: "name", ru: "Укажите название модуля", en: "Give the module a name")
        }
        guard name.count <= 200 else {
            throw RegistrationError(
                .validation, field: "name", ru: "Название модуля длиннее 200 знаков",
                en: "The module's name is longer than 200 characters")
        }
        return try await pool.withTransaction { [reference] conn in
            try AuditActor.set(caller, on: conn)
            if let created = try reference.createModule(name: name, audience: audience, on: conn) { return created }
            let existing = try reference.findModule(named: name, on: conn)
            throw RegistrationError(
                .validation, field: "name",
                ru: "Модуль «\(existing?.name ?? name)» уже есть (№\(existing?.id.rawValue ?? 0))",
                en: "The module “\(existing?.name ?? name)” already exists (#\(existing?.id.rawValue ?? 0))")
        }
    }
}
