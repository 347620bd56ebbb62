import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// The public pages' own events beside the shared fixture's (teams of sixth-graders and an individual event, both
/// in Tomsk, closing on 1 November 2025): an olympiad in Moscow time with stages, nominations, 30 places and a title
/// full of the characters a calendar must escape; a teachers' event of another module; one of the coming school year
/// (not open yet); and two the catalogue must leave out (last school year, the year after next).
struct PublicData: Sendable {
    let olympiad: EventID
    let teachers: EventID
    let coming: EventID
    let lastYear: EventID
    let yearAfterNext: EventID
    let growthModule: ProgrammeModuleID
    let teachersModule: ProgrammeModuleID

    static let olympiadTitle = #"Открытая олимпиада «Физика, химия; биология \ экология» для старшеклассников школ сети"#

    private static let cache = NSLockedBox<[String: PublicData]>([:])

    /// The data in `f`'s database, added once per fixture.
    static func of(_ f: WebFixture, label: String) throws -> PublicData {
        try cache.withLock { all in
            if let data = all[label] { return data }
            let data = try PublicData(f)
            all[label] = data
            return data
        }
    }

    private init(_ f: WebFixture) throws {
        let conn = try PQConnection(f.config)
        let reference = ReferenceRepository()
        let events = EventRepository()
        growthModule = try reference.ensureModule(name: "Точки роста", audience: .pupils, on: conn).id
        teachersModule = try reference.ensureModule(name: "Учитель будущего", audience: .teachers, on: conn).id

        func window(opens: String, closesOn: String, zone: String = "Asia/Tomsk") -> RegistrationWindow {
            RegistrationWindow(
                opensAt: ISO8601DateFormatter().date(from: opens)!, closesOn: LocalDate(closesOn)!, timeZone: TimeZone(identifier: zone)!)
        }

        var olympiadRules = EventRules(
            eligibility: Eligibility(grades: 9...11, ageReferenceDate: LocalDate("2025-11-20")!),
            window: window(opens: "2025-10-01T00:00:00+03:00", closesOn: "2025-11-01", zone: "Europe/Moscow"), capacity: 30)
        olympiadRules.perOrganisationLimit = 5
        olympiad = try events.create(
            NewEvent(
                title: Self.olympiadTitle, moduleID: growthModule, organiserID: f.organiser, kind: .contest, format: .mixed,
                startsOn: LocalDate("2025-11-20")!, endsOn: LocalDate("2025-11-22")!, rules: olympiadRules,
                stages: [
                    NewStage(title: "Отборочный тур", startsOn: LocalDate("2025-11-20")!),
                    NewStage(title: "Заключительный тур", startsOn: LocalDate("2025-11-22")!, capacity: 10)
                ],
                nominations: [NewNomination(title: "Физика"), NewNomination(title: "Химия")]), on: conn
        ).id

        teachers = try events.create(
            NewEvent(
                title: "Школьные кейсы", moduleID: teachersModule, organiserID: f.schoolB, kind: .game, format: .inPerson,
                startsOn: LocalDate("2025-12-05")!, endsOn: LocalDate("2025-12-05")!,
                rules: EventRules(
                    eligibility: Eligibility(allowPupils: false, allowTeachers: true, ageReferenceDate: LocalDate("2025-12-05")!),
                    team: .team(2...3, requiredRoles: [.mentor: 1, .youngTeacher: 1]),
                    window: window(opens: "2025-10-01T00:00:00+07:00", closesOn: "2025-11-25"))), on: conn
        ).id

        coming = try events.create(
            NewEvent(
                title: "Весенний переполох", moduleID: growthModule, organiserID: f.organiser, kind: .festival, format: .distance,
                startsOn: LocalDate("2026-10-15")!, endsOn: LocalDate("2026-10-16")!,
                rules: EventRules(
                    eligibility: Eligibility(grades: 1...4, ageReferenceDate: LocalDate("2026-10-15")!),
                    window: window(opens: "2026-09-01T00:00:00+07:00", closesOn: "2026-10-01"))), on: conn
        ).id

        lastYear = try events.create(
            NewEvent(
                title: "Прошлогодняя выставка", moduleID: growthModule, organiserID: f.organiser, kind: .exhibition, format: .inPerson,
                startsOn: LocalDate("2025-03-10")!, endsOn: LocalDate("2025-03-10")!,
                rules: EventRules(
                    eligibility: Eligibility(grades: 5...9, ageReferenceDate: LocalDate("2025-03-10")!),
                    window: window(opens: "2025-01-10T00:00:00+07:00", closesOn: "2025-03-01"))), on: conn
        ).id

        yearAfterNext = try events.create(
            NewEvent(
                title: "Конференция через год", moduleID: growthModule, organiserID: f.organiser, kind: .conference, format: .inPerson,
                startsOn: LocalDate("2027-11-10")!, endsOn: LocalDate("2027-11-10")!,
                rules: EventRules(
                    eligibility: Eligibility(grades: 5...9, ageReferenceDate: LocalDate("2027-11-10")!),
                    window: window(opens: "2027-10-01T00:00:00+07:00", closesOn: "2027-11-01"))), on: conn
        ).id
    }
}

extension WebFixture {
    /// A school's API caller for registering through the service, as a school's script would.
    func school(_ organisation: OrganisationID) -> Caller {
        Caller(organisationID: organisation, role: .school, displayName: "Школа \(organisation.rawValue)")
    }

    var organiserCaller: Caller { Caller(organisationID: organiser, role: .organiser, displayName: "Гимназия №13") }

    /// Registers one pupil (grade `grade`, consent given) for `event` from `organisation` through the service.
    @discardableResult
    func registerPupil(
        _ last: String, _ first: String, grade: Int, born: String, for event: EventID, from organisation: OrganisationID
    ) async throws -> Application {
        let request = RegistrationRequest(
            eventID: event, organisationID: organisation,
            change: ApplicationChange(
                responsible: ResponsibleTeacher(name: "Фёдорова Ольга Ивановна", email: "olga@school.example"),
                members: [MemberRequest(lastName: last, firstName: first, birthDate: LocalDate(born)!, kind: .pupil, grade: grade, consent: true)]))
        return try await services.api.registration.register(request, by: school(organisation)).application
    }
}
