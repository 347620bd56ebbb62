import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import Testing

/// The second look when a reminder's turn comes (issue 15): a reminder written before the event was cancelled, the
/// application withdrawn or the person opted out is voided, not sent; turned-off reminders are not even written.
@Suite(.serialized) struct ScheduledDeliveryTests {
    typealias F = ScheduleFixture
    static let host = "schoolnet.test"

    func worker(_ f: F, at now: Date, port: Int) -> DeliveryWorker {
        let settings = SMTPSettings(host: "127.0.0.1", port: port, security: .none, fromAddress: "schoolnet@\(Self.host)", timeoutSeconds: 10)
        return DeliveryWorker(
            pool: f.pool, time: FixedTime(now), transport: SMTPTransport(settings: settings),
            renderer: MailRenderer(publicURL: "https://schoolnet.test", from: "SchoolNet <schoolnet@\(Self.host)>", host: Self.host))
    }

    /// The decoded plain-text part of a received message.
    static func text(_ message: String) -> String {
        let parts = message.components(separatedBy: "Content-Type: text/plain; charset=utf-8")
        guard parts.count > 1 else { return "" }
        let body = parts[1].components(separatedBy: "\r\n\r\n").dropFirst().first ?? ""
        let base64 = body.components(separatedBy: "--=_").first?.replacingOccurrences(of: "\r\n", with: "") ?? ""
        return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }

    @Test func aReminderWhoseEventWasCancelledMeanwhileIsVoidedNotSent() async throws {
        let f = try F("remind_void_cancel")
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let written = F.at("2020-10-13T03:00:00Z")
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: written) == 3)
        try await f.pool.withTransaction { conn in
            try NotificationSettingsRepository().cancel(ScheduleFixture.tomsk, at: written, on: conn)
        }
        let report = try await worker(f, at: written.addingTimeInterval(60), port: server.port).runOnce()
        #expect(report.sent == 2 && report.voided == 1)
        #expect(try server.messages().count == 2)
        #expect(try f.strings("SELECT event_id || ' ' || void_reason FROM outbox WHERE voided_at IS NOT NULL") == ["1 event cancelled"])
        // what the school reads: the deadline in words, in Russian, and a link to the registration form
        let text = Self.text(try server.messages()[0])
        #expect(text.contains("Регистрация на «Новосибирский турнир» закрывается через 3 дня: последний день — 16 октября 2020"))
        #expect(text.contains("https://schoolnet.test/events/2/register"))
        await f.shutdown()
    }

    @Test func theEventIsTomorrowIsNotSentForAnApplicationWithdrawnMeanwhile() async throws {
        let f = try F("remind_void_withdrawn")
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        try f.run("UPDATE event SET closed_early_at = '2020-10-10 00:00+07'")
        let written = F.at("2020-10-18T03:00:00Z")
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: written) == 3)
        try f.run("UPDATE application SET status = 'withdrawn' WHERE id = 101")
        let report = try await worker(f, at: written.addingTimeInterval(60), port: server.port).runOnce()
        #expect(report.sent == 2 && report.voided == 1)
        #expect(try f.strings("SELECT application_id || ' ' || void_reason FROM outbox WHERE voided_at IS NOT NULL") == ["101 application no longer active"])
        // a reminder that waited past its moment (the worker was down) goes nowhere either
        let f2 = try F("remind_void_late")
        try f2.run("UPDATE event SET closed_early_at = '2020-10-10 00:00+07'")
        #expect(try await ReminderScheduler(pool: f2.pool).enqueueDue(now: written) == 3)
        #expect(try await worker(f2, at: F.at("2020-10-19T00:00:00Z"), port: server.port).runOnce().voided == 3)
        #expect(try server.messages().count == 2)
        await f.shutdown()
        await f2.shutdown()
    }

    @Test func theDigestListsTheNewApplicationsWithLinksAndRegistrationClosedTheCount() async throws {
        let f = try F("digest_mail")
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        try f.run(
            """
            INSERT INTO application (id, event_id, organisation_id, team_name, status, submitted_by, responsible_name,
                                     contact_email, headcount, submitted_at)
            OVERRIDING SYSTEM VALUE VALUES (201, 1, 50, 'Совята', 'submitted', 'test', 'Учитель', 't@s50.example', 2, '2020-10-05T10:10:00Z');
            UPDATE account_membership SET role = 'coordinator' WHERE account_id = 2;
            UPDATE event SET closed_early_at = '2020-10-10 00:00+06' WHERE id = 3;
            """)
        let now = F.at("2020-10-05T10:30:00Z")
        #expect(try await DigestScheduler(pool: f.pool).enqueueDue(now: now) == 1)
        #expect(try await worker(f, at: now, port: server.port).runOnce().sent == 1)
        let digest = Self.text(try server.messages()[0])
        #expect(digest.contains("С прошлой сводки на ваши мероприятия подано новых заявок: 1."), "\(digest)")
        #expect(digest.contains("- №201, Совята, СОШ №50 — Томская олимпиада: https://schoolnet.test/applications/201"), "\(digest)")

        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: F.at("2020-10-16T17:00:00Z")) == 2)
        #expect(try await worker(f, at: F.at("2020-10-16T17:01:00Z"), port: server.port).runOnce().sent == 2)
        let closed = try server.messages().dropFirst().map(Self.text).joined()
        #expect(closed.contains("Регистрация на «Томская олимпиада» закрыта. Активных заявок: 2."), "\(closed)")
        #expect(closed.contains("https://schoolnet.test/events/1"))
        await f.shutdown()
    }

    @Test func turnedOffRemindersAreNotSent() async throws {
        let f = try F("remind_opt_out")
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let settings = NotificationSettingsRepository()
        // the school's coordinator turns reminders off: nothing is written for it
        let stored = try await f.pool.withTransaction { conn in
            try settings.setPreferences(NotificationPreferences(reminders: false), of: .account(50), at: Date(), on: conn)
        }
        #expect(stored)
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: F.at("2020-10-13T03:00:00Z")) == 0)
        // the teacher turns them off after "the event is tomorrow" was written: it is voided when its turn comes
        try f.run("UPDATE event SET closed_early_at = '2020-10-10 00:00+07'")
        let written = F.at("2020-10-18T03:00:00Z")
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: written) == 3)
        let storedForPerson = try await f.pool.withTransaction { conn in
            try settings.setPreferences(NotificationPreferences(reminders: false), of: .person(PersonID(rawValue: 601)), at: written, on: conn)
        }
        #expect(storedForPerson)
        let report = try await worker(f, at: written.addingTimeInterval(60), port: server.port).runOnce()
        #expect(report.sent == 0 && report.voided == 3)
        #expect(try server.messages().isEmpty)
        #expect(try f.strings("SELECT DISTINCT void_reason FROM outbox") == ["turned off by the recipient"])
        // status changes of one's own applications are no choice: the preference has no say over them
        try await f.pool.withTransaction { conn in
            try OutboxRepository().enqueue(.applicationAccepted, applications: [ApplicationID(rawValue: 102)], at: written, on: conn)
        }
        #expect(try await worker(f, at: written.addingTimeInterval(120), port: server.port).runOnce().sent == 1)
        #expect(try server.messages().count == 1)
        await f.shutdown()
    }
}
