import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

@Suite struct PersonRepositoryTests {
    let repo = PersonRepository()

    @Test func createsAndGets() throws {
        let db = try StoreFixture("person_create")
        let school = try db.gymnasium13()
        let pupil = try db.person("Фёдорова Алёна Игоревна", born: "2008-03-14", at: school)
        #expect(pupil.name == PersonName(surname: "Фёдорова", givenName: "Алёна", patronymic: "Игоревна"))
        #expect(pupil.birthDate == day("2008-03-14") && pupil.kind == .pupil && pupil.organisationID == school.id)
        #expect(try repo.get(pupil.id, on: db.conn) == pupil)
        let teacher = try db.person("Петрова Анна", kind: .teacher)
        #expect(teacher.name.patronymic == nil && teacher.birthDate == nil)
        #expect(try repo.get([teacher.id, pupil.id], on: db.conn) == [pupil, teacher])
        #expect(try repo.get(PersonID(rawValue: 777_777), on: db.conn) == nil)
    }

    @Test func descriptionsNeverShowTheBirthDate() throws {
        let person = Person(
            id: PersonID(rawValue: 1), kind: .pupil, name: PersonName(surname: "Иванова", givenName: "Мария"),
            birthDate: day("2010-08-31"))
        var dumped = ""
        dump(person, to: &dumped)
        for text in [String(describing: person), String(reflecting: person), "\(person)", dumped] {
            #expect(!text.contains("2010") && !text.contains("31"), "\(text)")
        }
        let new = NewPerson(kind: .pupil, name: person.name, birthDate: day("2010-08-31"))
        #expect(!String(describing: new).contains("2010") && !String(reflecting: new).contains("2010"))
    }

    @Test func matchesTheSamePersonTypedDifferently() throws {
        let db = try StoreFixture("person_match")
        let school = try db.gymnasium13()
        let other = try db.organisation("МАОУ СОШ №50 г. Томска")
        let alena = try db.person("Фёдорова Алёна Игоревна", born: "2008-03-14", at: school)
        let namesake = try db.person("Федорова Алена", born: "2008-03-14", at: other)
        _ = try db.person("Федорова Алена Петровна", born: "2008-03-14")
        _ = try db.person("Федорова Алена Игоревна", born: "2008-03-15")

        let typed = NewPerson(kind: .pupil, name: PersonName(parsing: "ФЕДОРОВА  алена игоревна")!, birthDate: day("2008-03-14"))
        let matches = try repo.match(typed, organisationID: school.id, on: db.conn)
        #expect(matches.map(\.personID) == [alena.id, namesake.id])
        #expect(matches.first == PersonMatch(personID: alena.id, samePatronymic: true, sameOrganisation: true))
        #expect(matches.last == PersonMatch(personID: namesake.id, samePatronymic: false, sameOrganisation: false))
        // the other school first when asked from there
        #expect(try repo.match(typed, organisationID: other.id, on: db.conn).first?.personID == namesake.id)
        // no birth date, no identity
        #expect(try repo.match(NewPerson(kind: .pupil, name: typed.name), on: db.conn).isEmpty)
    }

    @Test func matchOrCreateReusesAndCompletesTheRow() throws {
        let db = try StoreFixture("person_match_create")
        let school = try db.gymnasium13()
        let first = try repo.matchOrCreate(
            NewPerson(kind: .pupil, name: PersonName(parsing: "Смирнов Илья")!, birthDate: day("2009-05-01"), organisationID: school.id),
            on: db.conn)
        #expect(first.created)
        let again = try repo.matchOrCreate(
            NewPerson(kind: .pupil, name: PersonName(parsing: "смирнов илья андреевич")!, birthDate: day("2009-05-01")),
            organisationID: school.id, on: db.conn)
        #expect(!again.created && again.value.id == first.value.id)
        #expect(again.value.name.patronymic == "Андреевич")
        let namesake = try repo.matchOrCreate(
            NewPerson(kind: .pupil, name: PersonName(parsing: "Смирнов Илья")!, birthDate: day("2010-05-01")), on: db.conn)
        #expect(namesake.created)
        let unknownAge = try repo.matchOrCreate(NewPerson(kind: .pupil, name: PersonName(parsing: "Смирнов Илья")!), on: db.conn)
        #expect(unknownAge.created)
    }

    @Test func concurrentImportsOfOnePupilMakeOneRow() throws {
        let db = try StoreFixture("person_match_race")
        let config = db.conn.configuration
        let spellings = ["Ким Даниил", "КИМ ДАНИИЛ", "ким даниил", "Ким  Даниил"]
        let ids = Results<Result<PersonID, any Error>>(count: spellings.count)
        DispatchQueue.concurrentPerform(iterations: spellings.count) { i in
            ids.set(
                i,
                Result {
                    let new = NewPerson(kind: .pupil, name: PersonName(parsing: spellings[i])!, birthDate: day("2011-01-20"))
                    return try PersonRepository().matchOrCreate(new, on: try PQConnection(config)).value.id
                })
        }
        #expect(Set(try ids.values.map { try $0.get() }).count == 1)
    }

    @Test func searchesByFullName() throws {
        let db = try StoreFixture("person_search")
        let maria = try db.person("Иванова Мария Петровна", born: "2010-02-02")
        _ = try db.person("Петров Иван", born: "2010-02-02")
        #expect(try repo.search("иванова мария", on: db.conn).map(\.id) == [maria.id])
    }

    @Test func gradesArePerSchoolYearAndCorrectable() throws {
        let db = try StoreFixture("person_grades")
        let school = try db.gymnasium13()
        let other = try db.organisation("МАОУ СОШ №50 г. Томска")
        let pupil = try db.person("Орлова Вера", born: "2008-10-10")
        let y2020 = SchoolYear(startYear: 2020)
        #expect(try repo.grade(pupil.id, in: y2020, on: db.conn) == nil)
        try repo.setGrade(PupilGrade(personID: pupil.id, schoolYear: y2020, organisationID: school.id, grade: 6, classLetter: "А"), on: db.conn)
        try repo.setGrade(PupilGrade(personID: pupil.id, schoolYear: y2020, organisationID: other.id, grade: 7, classLetter: "Б"), on: db.conn)
        #expect(
            try repo.grade(pupil.id, in: y2020, on: db.conn)
                == PupilGrade(
                    personID: pupil.id, schoolYear: y2020, organisationID: other.id, grade: 7, classLetter: "Б"))
        try repo.setGrade(PupilGrade(personID: pupil.id, schoolYear: y2020.advanced(by: -1), organisationID: school.id, grade: 6), on: db.conn)
        #expect(try repo.grades(pupil.id, on: db.conn).map(\.grade) == [6, 7])

        let error = databaseError {
            try repo.setGrade(PupilGrade(personID: pupil.id, schoolYear: y2020, organisationID: school.id, grade: 12), on: db.conn)
        }
        #expect(error?.kind == .checkViolation)
        #expect(error?.constraint == "pupil_grade_range")
    }

    @Test func consentIsRecordedOnceAndWithdrawn() throws {
        let db = try StoreFixture("person_consent")
        let pupil = try db.person("Орлова Вера", born: "2012-10-10")
        let at = instant("2020-09-15T10:00:00+07:00")
        #expect(try !repo.hasConsent(pupil.id, on: db.conn))
        let consent = try repo.recordConsent(pupil.id, givenBy: "Орлова Ольга (мать)", recordedBy: "Классный руководитель", at: at, on: db.conn)
        #expect(consent.isInForce && consent.recordedAt == at && consent.personID == pupil.id)
        #expect(try repo.hasConsent(pupil.id, on: db.conn))

        let twice = databaseError {
            _ = try repo.recordConsent(pupil.id, givenBy: "Орлов Олег (отец)", recordedBy: "Секретарь", at: at, on: db.conn)
        }
        #expect(twice?.kind == .uniqueViolation)
        #expect(twice?.constraint == "personal_data_consent_one_active")

        #expect(try repo.withdrawConsent(pupil.id, at: at.addingTimeInterval(86_400), on: db.conn))
        #expect(try !repo.withdrawConsent(pupil.id, at: at.addingTimeInterval(86_400), on: db.conn))
        #expect(try !repo.hasConsent(pupil.id, on: db.conn))
        _ = try repo.recordConsent(pupil.id, givenBy: "Орлов Олег (отец)", recordedBy: "Секретарь", at: at.addingTimeInterval(172_800), on: db.conn)
        let history = try repo.consents(pupil.id, on: db.conn)
        #expect(history.map(\.givenBy) == ["Орлов Олег (отец)", "Орлова Ольга (мать)"])
        #expect(history.map(\.isInForce) == [true, false])
    }

    @Test func staffRolesAreHeldAndEnded() throws {
        let db = try StoreFixture("person_roles")
        let school = try db.gymnasium13()
        let teacher = try db.person("Петрова Анна Сергеевна", kind: .teacher, at: school)
        try repo.setRole(TeacherRole(personID: teacher.id, organisationID: school.id, role: .coordinator, since: day("2019-09-01")), on: db.conn)
        try repo.setRole(TeacherRole(personID: teacher.id, organisationID: school.id, role: .expert), on: db.conn)
        try repo.setRole(
            TeacherRole(
                personID: teacher.id, organisationID: school.id, role: .coordinator, since: day("2019-09-01"),
                until: day("2021-08-31")), on: db.conn)
        #expect(try repo.roles(teacher.id, on: db.conn).map(\.role) == [.coordinator, .expert])
        #expect(try repo.staff(of: school.id, role: .coordinator, on: day("2020-10-01"), on: db.conn).map(\.personID) == [teacher.id])
        #expect(try repo.staff(of: school.id, role: .coordinator, on: day("2021-09-01"), on: db.conn).isEmpty)
        #expect(try repo.removeRole(teacher.id, organisationID: school.id, role: .expert, on: db.conn))
        #expect(try repo.roles(teacher.id, on: db.conn).map(\.role) == [.coordinator])
    }
}
