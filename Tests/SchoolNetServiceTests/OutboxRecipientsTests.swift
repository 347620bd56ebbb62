import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Issue 15: an application's mail goes to its responsible teacher and to the school's coordinators who asked for it,
/// each in their own language (Russian unless the person chose English); not to coordinators who did not ask, not to
/// another school's, not twice to one address.
@Suite(.serialized) struct OutboxRecipientsTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("outbox_recipients") }

    func account(_ email: String, _ school: OrganisationID, language: String? = nil, asks: Bool) async throws -> Int64 {
        let invited = try await AccountService(pool: fx.pool, time: FixedTime(RegistrationFixture.now)).invite(
            email: email, organisation: school, role: .coordinator, by: fx.admin)
        let id = invited.account.id
        _ = try await fx.pool.withTransaction { conn in
            try OutboxRepository().setMailPreferences(account: id, language: language, schoolApplications: asks, on: conn)
        }
        return id
    }

    @Test func theTeacherAndTheCoordinatorsWhoAskedEachInTheirLanguage() async throws {
        let english = try await account("head@school-a.example", fx.schoolA, language: "en", asks: true)
        _ = try await account("quiet@school-a.example", fx.schoolA, asks: false)
        let russian = try await account("deputy@school-a.example", fx.schoolA, asks: true)
        _ = try await account("other@school-b.example", fx.schoolB, language: "en", asks: true)
        // the teacher has an account too, in English, and is also a coordinator who asked: one message, not two
        _ = try await account("petrova@school.example", fx.schoolA, language: "en", asks: true)

        let event = try fx.event()
        let application = try await fx.service().register(request(event, fx.schoolA, [pupil("Адрес", "Ася")]), by: fx.school(fx.schoolA))
            .application
        let rows = try OutboxRepository().rows(application: application.id, on: fx.connect())
        #expect(rows.map(\.kind) == Array(repeating: "application_submitted", count: 3))
        #expect(rows.map(\.recipient) == ["petrova@school.example", "head@school-a.example", "deputy@school-a.example"])
        #expect(rows.map(\.language) == ["en", "en", "ru"])
        #expect(english < russian)

        // an application with only a phone still reaches the coordinators who asked
        var raw = request(event, fx.schoolA, [pupil("Телефон", "Тарас")])
        raw.change.responsible = ResponsibleTeacher(name: "Звонарёва", phone: "+7 3822 123456")
        let phoned = try await fx.service().register(raw, by: fx.school(fx.schoolA)).application
        #expect(
            try OutboxRepository().rows(application: phoned.id, on: fx.connect()).map(\.recipient)
                == ["head@school-a.example", "deputy@school-a.example", "petrova@school.example"])
    }
}
