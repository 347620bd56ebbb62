import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Issue 15: every status change of an application writes exactly one outbox row, in its own transaction, to the
/// responsible teacher's e-mail; a refused or rolled-back change writes none.
@Suite(.serialized) struct OutboxWriteTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("outbox_write") }

    func rows(_ id: ApplicationID) throws -> [OutboxRow] { try OutboxRepository().rows(application: id, on: fx.connect()) }

    func payload(_ row: OutboxRow) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(row.payloadJSON.utf8)) as! [String: Any]
    }

    @Test func submittedEditedWithdrawnEachWriteOneRowToTheTeacher() async throws {
        let event = try fx.event(EventSpec(team: 2...3))
        let school = fx.school(fx.schoolA)
        let application = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Альфа", "Аня"), pupil("Бета", "Боря")], team: "Роботы"), by: school
        ).application
        var written = try rows(application.id)
        #expect(written.map(\.kind) == ["application_submitted"])
        #expect(written.map(\.recipient) == ["petrova@school.example"])
        let submitted = try payload(written[0])
        #expect(submitted["teamName"] as? String == "Роботы")
        #expect(submitted["members"] as? [String] == ["Альфа Аня", "Бета Боря"])
        #expect((submitted["eventTitle"] as? String)?.hasPrefix(EventSpec().title) == true)

        _ = try await fx.service().edit(
            application.id,
            ApplicationChange(
                teamName: "Киборги", responsible: ResponsibleTeacher(name: "Сидоров С. С.", email: "sidorov@school.example"),
                members: [pupil("Альфа", "Аня"), pupil("Бета", "Боря")]), by: school)
        _ = try await fx.service().withdraw(application.id, reason: "заболели", by: school)
        written = try rows(application.id)
        #expect(written.map(\.kind) == ["application_submitted", "application_edited", "application_withdrawn"])
        // Each message goes to the address the application had when it changed.
        #expect(written.map(\.recipient) == ["petrova@school.example", "sidorov@school.example", "sidorov@school.example"])
        #expect(try payload(written[2])["reason"] as? String == "заболели")
    }

    @Test func acceptedAndRejectedWithTheReason() async throws {
        let event = try fx.event()
        let one = try await fx.service().register(request(event, fx.schoolA, [pupil("Приём", "Пётр")]), by: fx.school(fx.schoolA)).application
        let two = try await fx.service().register(request(event, fx.schoolB, [pupil("Отказ", "Олег")]), by: fx.school(fx.schoolB)).application
        _ = try await fx.service().review(one.id, decision: .accept, by: fx.organiserCaller)
        _ = try await fx.service().review(two.id, decision: .reject(reason: "нет согласия родителей"), by: fx.organiserCaller)
        #expect(try rows(one.id).map(\.kind) == ["application_submitted", "application_accepted"])
        let rejected = try rows(two.id)
        #expect(rejected.map(\.kind) == ["application_submitted", "application_rejected"])
        #expect(try payload(rejected[1])["reason"] as? String == "нет согласия родителей")
    }

    @Test func refusedChangesAndReplaysWriteNothing() async throws {
        let event = try fx.event(EventSpec(team: 2...3))
        let school = fx.school(fx.schoolA)
        // expectRefusal compares every table's row count, the outbox's included
        try await expectRefusal(.teamTooSmall, in: fx) {
            try await fx.service().register(request(event, fx.schoolA, [pupil("Один", "Олег")], team: "Мало"), by: school)
        }
        let first = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Раз", "Рома"), pupil("Два", "Дима")], team: "Повтор", key: "k-outbox"), by: school)
        let replay = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Раз", "Рома"), pupil("Два", "Дима")], team: "Повтор", key: "k-outbox"), by: school)
        #expect(replay.replayed)
        #expect(try rows(first.application.id).count == 1)
        try await expectRefusal(.rejectionReasonRequired, in: fx) {
            try await fx.service().review(first.application.id, decision: .reject(reason: " "), by: fx.organiserCaller)
        }
    }

    @Test func anApplicationWithoutAnEmailWritesNoRow() async throws {
        let event = try fx.event()
        var raw = request(event, fx.schoolA, [pupil("Телефон", "Тимофей")])
        raw.change.responsible = ResponsibleTeacher(name: "Звонарёва", phone: "+7 3822 123456")
        let application = try await fx.service().register(raw, by: fx.school(fx.schoolA)).application
        #expect(try rows(application.id).isEmpty)
    }

    @Test func aRolledBackTransactionLeavesNoRowAndOneChangeMakesOneRow() async throws {
        let event = try fx.event()
        let application = try await fx.service().register(request(event, fx.schoolA, [pupil("Откат", "Остап")]), by: fx.school(fx.schoolA))
            .application
        struct Boom: Error {}
        let outbox = OutboxRepository()
        await #expect(throws: Boom.self) {
            try await fx.pool.withTransaction { conn in
                try outbox.enqueue(.applicationEdited, applications: [application.id], at: RegistrationFixture.now, on: conn)
                throw Boom()
            }
        }
        #expect(try rows(application.id).map(\.kind) == ["application_submitted"])
        // asked twice in one transaction: one row; in a second transaction: a second row (a second change)
        for _ in 0..<2 {
            try await fx.pool.withTransaction { conn in
                try outbox.enqueue(.applicationEdited, applications: [application.id], at: RegistrationFixture.now, on: conn)
                try outbox.enqueue(.applicationEdited, applications: [application.id], at: RegistrationFixture.now, on: conn)
            }
        }
        #expect(try rows(application.id).map(\.kind) == ["application_submitted", "application_edited", "application_edited"])
    }
}
