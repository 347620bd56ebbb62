import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// The schools' lists for the coordinator's pages, in the fixture's school year (2025-2026): school A has eight
/// sixth-graders in 6А (consent on record), two in 6Б (one without consent), a fifth-grader and a teacher;
/// school B one pupil in its own 6А. Names are what a class list holds; birth dates only the database sees.
struct SchoolPeople: Sendable {
    let sixA: [PersonID]
    let sixB: [PersonID]
    /// In 6Б, no consent on record.
    let noConsent: PersonID
    let fifthGrader: PersonID
    let teacher: PersonID
    let schoolBPupil: PersonID
}

extension WebFixture {
    static let schoolYear = SchoolYear(startYear: 2025)

    /// The lists, made once per fixture.
    func schoolPeople() throws -> SchoolPeople {
        try Self.people.withLock { made in
            if let people = made[ObjectIdentifier(self)] { return people }
            let people = try makeSchoolPeople()
            made[ObjectIdentifier(self)] = people
            return people
        }
    }

    private static let people = NSLockedBox<[ObjectIdentifier: SchoolPeople]>([:])

    private func makeSchoolPeople() throws -> SchoolPeople {
        let conn = try PQConnection(config)
        let repository = PersonRepository()
        func pupil(_ fio: String, born: String, _ school: OrganisationID, grade: Int, letter: String, consent: Bool = true) throws -> PersonID {
            let person = try repository.create(
                NewPerson(kind: .pupil, name: PersonName(parsing: fio)!, birthDate: LocalDate(born)!, organisationID: school), on: conn)
            try repository.setGrade(
                PupilGrade(personID: person.id, schoolYear: Self.schoolYear, organisationID: school, grade: grade, classLetter: letter), on: conn)
            if consent { _ = try repository.recordConsent(person.id, givenBy: "родители", recordedBy: "тест", at: Self.start, on: conn) }
            return person.id
        }
        let sixA = try [
            ("Алексеев Артём Игоревич", "2013-03-02"), ("Белова Вера Сергеевна", "2013-05-11"), ("Воронин Глеб Андреевич", "2013-07-21"),
            ("Григорьева Дарья Олеговна", "2013-09-30"), ("Дмитриев Егор Павлович", "2013-11-04"), ("Ёлкина Жанна Ильинична", "2014-01-15"),
            ("Зайцев Иван Романович", "2014-02-27"), ("Козлова Лиза Денисовна", "2014-04-08")
        ].map { try pupil($0.0, born: $0.1, schoolA, grade: 6, letter: "А") }
        let sixB = try pupil("Морозов Никита Петрович", born: "2013-06-06", schoolA, grade: 6, letter: "Б")
        let noConsent = try pupil("Орлова Полина Юрьевна", born: "2013-08-18", schoolA, grade: 6, letter: "Б", consent: false)
        let fifth = try pupil("Петров Роман Семёнович", born: "2014-10-01", schoolA, grade: 5, letter: "А")
        let teacher = try repository.create(
            NewPerson(kind: .teacher, name: PersonName(parsing: "Сидорова Татьяна Викторовна")!, organisationID: schoolA), on: conn)
        let other = try pupil("Тихонов Ульян Фёдорович", born: "2013-04-04", schoolB, grade: 6, letter: "А")
        return SchoolPeople(sixA: sixA, sixB: [sixB, noConsent], noConsent: noConsent, fifthGrader: fifth, teacher: teacher.id, schoolBPupil: other)
    }

    /// Another event like `teamEvent` (teams of 2-7 sixth-graders, two per school, open now), so a test's
    /// applications meet no other test's; `change` adjusts its rules.
    func newTeamEvent(_ title: String, rules change: (inout EventRules) -> Void = { _ in }) throws -> EventID {
        let conn = try PQConnection(config)
        let events = EventRepository()
        var model = try #require(try events.get(teamEvent, on: conn))
        change(&model.rules)
        return try events.create(
            NewEvent(
                title: title, schoolYear: model.schoolYear, moduleID: model.moduleID, organiserID: model.organiserID, kind: model.kind,
                format: model.format, audience: model.audience, startsOn: model.startsOn, endsOn: model.endsOn, rules: model.rules,
                nominations: [NewNomination(title: "Эстафета")]),
            on: conn
        ).id
    }

    /// A browser signed in as a new account of `role` at `organisation`, and the account's id.
    func signedIn(_ client: WebClient, _ email: String, _ role: AccountRole = .coordinator, of organisation: OrganisationID?, name: String)
        async throws -> Int64
    {
        try await account(email, role, of: organisation, name: name)
        try await client.get("/login")
        let login = try await client.post("/login", [("email", email), ("password", Self.password)])
        #expect(login.status == 303)
        return try count("SELECT id FROM account WHERE email = $1", [email])
    }

    func applications(of event: EventID) throws -> Int64 {
        try count("SELECT count(*) FROM application WHERE event_id = $1", [event])
    }
}

extension WebClient {
    /// The hidden value of `name` in the last page read.
    func hidden(_ name: String) -> String? {
        guard let range = lastPage.range(of: #"name="\#(name)" value=""#) else { return nil }
        let rest = lastPage[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension WebClient.Page {
    /// The HTML of the element that opens with `marker` up to the end of its list item (a picked person's row).
    func row(of marker: String) -> String? {
        guard let start = html.range(of: marker) else { return nil }
        let rest = html[start.lowerBound...]
        let end = rest.range(of: "</li>")?.upperBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The value of the input `name`, as rendered.
    func value(of name: String) -> String? {
        guard let range = html.range(of: #"name="\#(name)""#) else { return nil }
        let tag = html[range.upperBound...].prefix { $0 != ">" }
        guard let value = tag.range(of: #"value=""#) else { return nil }
        let rest = tag[value.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Whether the checkbox with this id is ticked.
    func isChecked(_ id: String) -> Bool {
        guard let range = html.range(of: #"id="\#(id)""#) else { return false }
        let tag = html[..<range.lowerBound].reversed().prefix { $0 != "<" }
        let after = html[range.upperBound...].prefix { $0 != ">" }
        return String(tag.reversed()).contains(" checked") || after.contains(" checked")
    }
}
