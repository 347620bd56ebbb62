import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// matchOrCreate with an organisation follows registration's rule: name + birth date + organisation,
/// and for a teacher without a birth date the full name at the organisation.
@Suite struct PersonIdentityTests {
    let repo = PersonRepository()

    @Test func withAnOrganisationOnlyThatOrganisationsPersonMatches() throws {
        let db = try StoreFixture("person_identity_org")
        let school = try db.gymnasium13()
        let other = try db.organisation("МАОУ СОШ №50 г. Томска")
        let elsewhere = try db.person("Фёдорова Алёна", born: "2008-03-14", at: other)
        let typed = NewPerson(kind: .pupil, name: PersonName(parsing: "федорова алена игоревна")!, birthDate: day("2008-03-14"))

        let here = try repo.matchOrCreate(typed, organisationID: school.id, on: db.conn)
        #expect(here.created && here.value.id != elsewhere.id)
        // listed with the organisation it was matched in, so the next import or registration finds it
        #expect(here.value.organisationID == school.id)
        #expect(try repo.identify(typed.name, birthDate: typed.birthDate, organisation: school.id, on: db.conn)?.id == here.value.id)

        let there = try repo.matchOrCreate(typed, organisationID: other.id, on: db.conn)
        #expect(!there.created && there.value.id == elsewhere.id && there.value.name.patronymic == "Игоревна")
        // the organisation may come with the person instead
        var listed = typed
        listed.organisationID = school.id
        #expect(try repo.matchOrCreate(listed, on: db.conn) == Resolved(here.value, created: false))
    }

    @Test func aPupilIsMatchedAtTheSchoolOfHerGradeRecord() throws {
        let db = try StoreFixture("person_identity_grade")
        let school = try db.gymnasium13()
        let pupil = try db.person("Орлова Вера", born: "2008-10-10")
        try repo.setGrade(PupilGrade(personID: pupil.id, schoolYear: SchoolYear(startYear: 2020), organisationID: school.id, grade: 7), on: db.conn)
        let again = try repo.matchOrCreate(
            NewPerson(kind: .pupil, name: PersonName(parsing: "ОРЛОВА ВЕРА")!, birthDate: day("2008-10-10")), organisationID: school.id, on: db.conn)
        #expect(!again.created && again.value.id == pupil.id)
    }

    @Test func aTeacherWithoutBirthDateIsMatchedOnTheFullNameAtTheSchool() throws {
        let db = try StoreFixture("person_identity_teacher")
        let school = try db.gymnasium13()
        let other = try db.organisation("МАОУ СОШ №50 г. Томска")
        let teacher = try db.person("Петрова Анна Сергеевна", kind: .teacher, at: school)
        func imported(_ fio: String, at organisation: Organisation?) throws -> Resolved<Person> {
            try repo.matchOrCreate(NewPerson(kind: .teacher, name: PersonName(parsing: fio)!), organisationID: organisation?.id, on: db.conn)
        }
        #expect(try imported("петрова анна сергеевна", at: school) == Resolved(teacher, created: false))
        #expect(try imported("Петрова Анна", at: school).created)
        #expect(try imported("Петрова Анна Сергеевна", at: other).created)
        // no organisation and no birth date: no identity, as before
        #expect(try imported("Петрова Анна Сергеевна", at: nil).created)
    }

    @Test func concurrentImportsOfOneTeacherMakeOneRow() throws {
        let db = try StoreFixture("person_identity_race")
        let school = try db.gymnasium13()
        let config = db.conn.configuration
        let spellings = ["Ким Ольга Петровна", "КИМ ОЛЬГА ПЕТРОВНА", "ким ольга петровна", "Ким  Ольга  Петровна"]
        let ids = Results<Result<PersonID, any Error>>(count: spellings.count)
        DispatchQueue.concurrentPerform(iterations: spellings.count) { i in
            ids.set(
                i,
                Result {
                    let new = NewPerson(kind: .teacher, name: PersonName(parsing: spellings[i])!)
                    return try PersonRepository().matchOrCreate(new, organisationID: school.id, on: try PQConnection(config)).value.id
                })
        }
        #expect(Set(try ids.values.map { try $0.get() }).count == 1)
    }
}
