import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Registration and imports (PersonRepository.matchOrCreate) find the same person: a pupil never becomes
/// two people depending on how she arrived.
@Suite(.serialized) struct RegistrationPersonMatchingTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("registration_person_matching") }

    func imported(_ fio: String, _ kind: PersonKind = .pupil, born: String? = "2009-03-01", at organisation: OrganisationID) throws -> Resolved<Person> {
        try PersonRepository().matchOrCreate(
            NewPerson(kind: kind, name: PersonName(parsing: fio)!, birthDate: born.map(date)), organisationID: organisation, on: try fx.connect())
    }

    @Test func aPupilRegisteredIsMatchedByAnImportOfHerSchool() async throws {
        let registered = try await fx.service().register(
            request(try fx.event(), fx.schoolA, [pupil("Фёдорова", "Алёна")]), by: fx.school(fx.schoolA))
        let id = registered.application.members[0].personID
        let people = try fx.counts().people

        let again = try imported("  ФЕДОРОВА алена ", at: fx.schoolA)
        #expect(!again.created && again.value.id == id)
        #expect(try fx.counts().people == people)
        // Another school's namesake born the same day is another person, as registration has it.
        #expect(try imported("Фёдорова Алёна", at: fx.schoolB).created)
    }

    @Test func aPupilImportedIsMatchedByHerSchoolsRegistration() async throws {
        let first = try imported("Ким Даниил", at: fx.schoolA)
        #expect(first.created)
        let people = try fx.counts().people
        let registered = try await fx.service().register(
            request(try fx.event(), fx.schoolA, [pupil("КИМ", "даниил")]), by: fx.school(fx.schoolA))
        #expect(registered.application.members[0].personID == first.value.id)
        #expect(try fx.counts().people == people)
    }

    @Test func aTeacherWithoutBirthDateIsOnePersonEitherWay() async throws {
        let teachers = EventSpec(grades: nil, allowPupils: false, allowTeachers: true)
        let registered = try await fx.service().register(
            request(try fx.event(teachers), fx.schoolA, [teacher("Наставникова", "Ольга", "Петровна")]), by: fx.school(fx.schoolA))
        let again = try imported("наставникова ольга петровна", .teacher, born: nil, at: fx.schoolA)
        #expect(!again.created && again.value.id == registered.application.members[0].personID)

        let first = try imported("Учителева Нина Ивановна", .teacher, born: nil, at: fx.schoolB)
        #expect(first.created)
        let later = try await fx.service().register(
            request(try fx.event(teachers), fx.schoolB, [teacher("УЧИТЕЛЕВА", "нина", "ивановна")]), by: fx.school(fx.schoolB))
        #expect(later.application.members[0].personID == first.value.id)
    }
}
