import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// Loads the reference year through the services real users go through: the network and the
/// events by the store's repositories, every application by `RegistrationService` in its
/// historical-import mode (eligibility, team sizes and roles checked; only the window lifted),
/// acceptance, stages, results, jury and publication by `EventAdminService`. Every step is
/// idempotent (applications carry deterministic idempotency keys), so a second load adds nothing.
public struct ReferenceYearLoader: Sendable {
    let pool: PQPool
    let dataset: ReferenceDataset
    let caller = Caller(organisationID: nil, role: .regionalAdmin, displayName: "Эталонный год (набор данных)")
    static let zone = RegistrationWindow.defaultTimeZone

    public init(pool: PQPool, dataset: ReferenceDataset) {
        self.pool = pool
        self.dataset = dataset
    }

    /// What a load did.
    public struct Summary: Sendable, Codable {
        /// Everything was there already: nothing was requested.
        public var alreadyLoaded: Bool
        public var organisations: Int
        public var events: Int
        /// Applications registered now (replays of earlier requests not counted).
        public var registered: Int
        public var replayed: Int
    }

    public func load(progress: (@Sendable (String) -> Void)? = nil) async throws -> Summary {
        let plans = try dataset.events.map { event in
            (event, try ReferenceYearPlan(event: event, organisations: organisationsByKey).applications())
        }
        let planned = plans.reduce(0) { $0 + $1.1.count }
        if try await isLoaded(applications: planned) {
            return Summary(
                alreadyLoaded: true, organisations: dataset.organisations.count, events: dataset.events.count,
                registered: 0, replayed: 0)
        }
        progress?("network: \(dataset.organisations.count) organisations, \(dataset.events.count) events")
        let setup = try await structure()
        var summary = Summary(
            alreadyLoaded: false, organisations: setup.organisations.count, events: setup.events.count,
            registered: 0, replayed: 0)
        for (event, applications) in plans {
            guard let stored = setup.events[event.key] else { throw ReferenceYearError("event \(event.key) was not created") }
            progress?("\(event.startsOn) \(event.title): \(applications.count) application(s)")
            let (registered, replayed) = try await ReferenceYearEventLoader(
                pool: pool, caller: caller, event: event, stored: stored, applications: applications,
                organisations: setup.organisations
            ).load()
            summary.registered += registered
            summary.replayed += replayed
        }
        return summary
    }

    var organisationsByKey: [String: ReferenceDataset.Organisation] {
        Dictionary(uniqueKeysWithValues: dataset.organisations.map { ($0.key, $0) })
    }

    /// Every event there, every planned application registered, every result published.
    private func isLoaded(applications planned: Int) async throws -> Bool {
        let titles = dataset.events.map(\.title)
        let years = dataset.events.map(\.schoolYear)
        let (events, applications) = try await pool.withConnection { conn in
            let repository = ReferenceYearRepository()
            return (
                try repository.eventCount(titles: titles, startYears: years, on: conn),
                try repository.decidedApplications(keyPrefix: "reference-year/", on: conn)
            )
        }
        return events == dataset.events.count && applications == planned
    }

    struct Setup: Sendable {
        var organisations: [String: OrganisationID]
        var events: [String: Event]
    }

    /// Geography, organisations with their agreements, modules and events, in one transaction.
    private func structure() async throws -> Setup {
        try await pool.withTransaction { [dataset, caller] conn in
            try AuditActor.set(actor: caller.displayName, tokenID: nil, on: conn)
            let reference = ReferenceRepository()
            let organisationRepository = OrganisationRepository()
            var municipalities: [String: MunicipalityID] = [:]
            for region in dataset.regions {
                let stored = try reference.ensureRegion(countryCode: region.country, name: region.name, on: conn)
                for pair in region.municipalities {
                    let kind = MunicipalityKind(rawValue: pair[1]) ?? .other
                    municipalities[pair[0]] = try reference.ensureMunicipality(regionID: stored.id, name: pair[0], kind: kind, on: conn).id
                }
            }
            var organisations: [String: OrganisationID] = [:]
            for org in dataset.organisations {
                guard let municipality = municipalities[org.municipality] else {
                    throw ReferenceYearError("organisation \(org.key): unknown municipality \(org.municipality)")
                }
                // exact normalised names only: similar kindergartens of one district are different ones
                let id =
                    try organisationRepository.find(name: org.fullName, municipalityID: municipality, on: conn)?.id
                    ?? organisationRepository.create(
                        NewOrganisation(
                            municipalityID: municipality, kind: OrganisationKind(rawValue: org.kind) ?? .other,
                            legalForm: org.legalForm, fullName: org.fullName, shortName: org.shortName), on: conn
                    ).id
                organisations[org.key] = id
                if let since = org.memberSince.flatMap(LocalDate.init),
                    try organisationRepository.agreements(id, on: conn).isEmpty
                {
                    try organisationRepository.addAgreement(id, membership: NetworkMembership(since: since), on: conn)
                }
            }
            var modules: [String: ProgrammeModuleID] = [:]
            for module in dataset.modules {
                modules[module.name] = try reference.ensureModule(
                    name: module.name, audience: AudienceKind(rawValue: module.audience) ?? .pupils, on: conn
                ).id
            }
            var events: [String: Event] = [:]
            for event in dataset.events {
                events[event.key] = try Self.ensureEvent(
                    event, organisations: organisations, modules: modules,
                    parents: events, on: conn)
            }
            return Setup(organisations: organisations, events: events)
        }
    }

    static func ensureEvent(
        _ event: ReferenceDataset.Event, organisations: [String: OrganisationID], modules: [String: ProgrammeModuleID],
        parents: [String: Event], on conn: PQConnection
    ) throws -> Event {
        guard let organiser = organisations[event.organiser] else {
            throw ReferenceYearError("event \(event.key): unknown organiser \(event.organiser)")
        }
        let repository = EventRepository()
        let year = SchoolYear(startYear: event.schoolYear)
        if let existing = try repository.list(schoolYear: year, organiserID: organiser, on: conn)
            .first(where: { $0.title == event.title && $0.edition == event.edition })
        {
            return existing
        }
        guard let startsOn = LocalDate(event.startsOn), let endsOn = LocalDate(event.endsOn) else {
            throw ReferenceYearError("event \(event.key): bad dates")
        }
        let grades = event.gradeMin.flatMap { min in event.gradeMax.map { min...$0 } }
        let ages = event.ageMin.flatMap { min in event.ageMax.map { min...$0 } }
        let team: TeamRules =
            event.participation == "team"
            ? .team(
                (event.teamMinSize ?? 1)...(event.teamMaxSize ?? 1),
                requiredRoles: TeamRules.requiredRoles(from: (event.teamRequiredRoles ?? []).compactMap(MemberRole.init(rawValue:))))
            : .individual
        let rules = EventRules(
            eligibility: Eligibility(
                allowPupils: event.allowPupils ?? true, allowPreschoolers: event.allowPreschoolers ?? false,
                allowStudents: event.allowStudents ?? false, allowTeachers: event.allowTeachers ?? false,
                grades: grades, ages: ages, ageReferenceDate: startsOn, schoolYear: year),
            team: team,
            window: RegistrationWindow(opensAt: startsOn.adding(days: -30).startOfDay(in: zone), closesOn: startsOn, timeZone: zone))
        return try repository.create(
            NewEvent(
                title: event.title, schoolYear: year, moduleID: event.module.flatMap { modules[$0] }, organiserID: organiser,
                parentEventID: event.parent.flatMap { parents[$0]?.id }, kind: EventKind(rawValue: event.kind) ?? .other,
                edition: event.edition, format: EventFormat(rawValue: event.format) ?? .distance, audience: event.audience,
                startsOn: startsOn, endsOn: endsOn, rules: rules,
                stages: (event.stages ?? []).map {
                    NewStage(title: $0.title, startsOn: $0.startsOn.flatMap(LocalDate.init), endsOn: $0.endsOn.flatMap(LocalDate.init))
                },
                nominations: (event.nominations ?? []).map { NewNomination(title: $0.title, isSpecial: $0.special ?? false) }
            ), on: conn)
    }
}
