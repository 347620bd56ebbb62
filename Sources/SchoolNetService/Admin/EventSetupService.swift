import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Creating and reading events for organisers and the regional centre.
public struct EventSetupService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let events = EventRepository()

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// An event with its stages and nominations.
    public struct Details: Sendable, Codable {
        public var event: Event
        public var stages: [EventStage]
        public var nominations: [Nomination]
    }

    /// Creates the event the spec describes; every rule the organiser got wrong is refused at once.
    public func create(_ spec: EventSpec, by caller: Caller) async throws -> Details {
        let organiser = try await DirectoryService(pool: pool, time: time).resolve(spec.organiser)
        if caller.role == .school || (caller.role == .organiser && caller.organisationID != organiser) {
            throw RegistrationError(
                .forbidden, field: "organiser", ru: "Создавать событие может его организатор или региональный центр",
                en: "Only the organiser or the regional centre may create an event")
        }
        let rules: EventRules
        do {
            rules = try spec.rules()
        } catch let error as RegistrationError {
            throw RegistrationRefusal([error])
        }
        try RegistrationRefusal.throwIfAny(rules.setupViolations(endsOn: spec.endsOn))
        do {
            return try await pool.withTransaction { [events] conn in
                try AuditActor.set(caller, on: conn)
                var moduleID: ProgrammeModuleID? = nil
                if let name = spec.module {
                    guard let module = try ReferenceRepository().findModule(named: name, on: conn) else {
                        throw RegistrationError(.notFound, field: "module", ru: "Модуль «\(name)» не найден", en: "No module “\(name)”")
                    }
                    moduleID = module.id
                }
                // the unique constraint lets two events without an edition share a title (NULLs differ): checked here
                if try events.list(schoolYear: SchoolYear.containing(spec.startsOn), organiserID: organiser, on: conn)
                    .contains(where: { $0.title == spec.title && $0.edition == spec.edition })
                {
                    throw Self.duplicate(spec.title)
                }
                let event = try events.create(
                    NewEvent(
                        title: spec.title, moduleID: moduleID, organiserID: organiser,
                        parentEventID: spec.parentEventId.map(EventID.init(rawValue:)), kind: spec.kind, edition: spec.edition,
                        format: spec.format, audience: spec.audience, startsOn: spec.startsOn, endsOn: spec.endsOn, rules: rules,
                        stages: (spec.stages ?? []).map { NewStage(title: $0.title, startsOn: $0.startsOn, endsOn: $0.endsOn, capacity: $0.capacity) },
                        nominations: (spec.nominations ?? []).map { NewNomination(title: $0.title, isSpecial: $0.special ?? false) }
                    ), on: conn)
                return Details(event: event, stages: try events.stages(event.id, on: conn), nominations: try events.nominations(event.id, on: conn))
            }
        } catch let error as PQError {
            if let refusal = ConstraintRefusal.refusal(for: error) { throw refusal }
            if error.constraint == "event_title_unique" { throw Self.duplicate(spec.title) }
            throw error
        }
    }

    static func duplicate(_ title: String) -> RegistrationError {
        RegistrationError(
            .validation, field: "title", ru: "У организатора уже есть событие «\(title)» в этом учебном году",
            en: "The organiser already has an event “\(title)” this school year")
    }

    /// The events of a school year, by start date.
    public func list(schoolYear: SchoolYear) async throws -> [Event] {
        try await pool.withConnection { [events] conn in
            try events.list(schoolYear: schoolYear, on: conn).sorted { ($0.startsOn, $0.id) < ($1.startsOn, $1.id) }
        }
    }

    public func details(_ id: EventID) async throws -> Details {
        try await pool.withTransaction(readOnly: true) { [events] conn in
            guard let event = try events.get(id, on: conn) else { throw RegistrationError.eventNotFound(id) }
            return Details(event: event, stages: try events.stages(id, on: conn), nominations: try events.nominations(id, on: conn))
        }
    }
}
