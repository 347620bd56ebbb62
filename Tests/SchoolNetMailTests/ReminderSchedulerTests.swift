import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import Testing

/// Reminders fire at 09:00 in each event's own zone, once, and never for a cancelled event or a withdrawn application
/// (issue 15): the clock moves across the instants for events in Asia/Tomsk, Asia/Novosibirsk (both UTC+7) and
/// Asia/Almaty (UTC+6 in 2020), all closing on 16 October and starting on 19 October local time.
@Suite struct ReminderSchedulerTests {
    typealias F = ScheduleFixture

    @Test func closingRemindersFireAtNineInTheEventsZoneOnceEach() async throws {
        let f = try F("remind_closing")
        let scheduler = ReminderScheduler(pool: f.pool)
        // 09:00 on 13 October in Tomsk and Novosibirsk is 02:00 UTC; in Almaty 03:00 UTC
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-13T01:59:59Z")) == 0)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-13T02:00:00Z")) == 2)
        #expect(
            try f.outbox() == [
                "registration_closes_in_3_days 1 coord@s50.example", "registration_closes_in_3_days 2 coord@s50.example"
            ])
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-13T02:59:59Z")) == 0)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-13T03:00:00Z")) == 1)
        #expect(try f.outbox().last == "registration_closes_in_3_days 3 coord@s50.example")
        // never twice, however often the scheduler runs
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-14T12:00:00Z")) == 0)
        // "tomorrow": 09:00 on 15 October local time
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-15T01:59:00Z")) == 0)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-15T02:00:00Z")) == 2)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-15T03:00:00Z")) == 1)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'registration_closes_tomorrow'") == 3)
        #expect(
            try f.strings("SELECT payload->>'closesOn' FROM outbox WHERE kind = 'registration_closes_tomorrow' AND event_id = 3") == [
                "2020-10-16"
            ])
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-16T16:59:59Z")) == 0)
        await f.shutdown()
    }

    @Test func aSchedulerThatWasDownSendsOnlyTheLatestReminder() async throws {
        let f = try F("remind_late")
        // first run on 15 October at 12:00 UTC: the 3-day reminders' time is over, "tomorrow" is due for all three
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: F.at("2020-10-15T12:00:00Z")) == 3)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind <> 'registration_closes_tomorrow'") == 0)
        // after the close in Tomsk and Novosibirsk (17:00 UTC) and before Almaty's (18:00): no closing reminder
        // for the first two, whose organiser hears they closed; "tomorrow" for Almaty still
        let f2 = try F("remind_after")
        #expect(try await ReminderScheduler(pool: f2.pool).enqueueDue(now: F.at("2020-10-16T17:30:00Z")) == 5)
        #expect(
            try f2.outbox() == [
                "registration_closes_tomorrow 3 coord@s50.example", "registration_closed 1 org1@g13.example", "registration_closed 1 org2@g13.example",
                "registration_closed 2 org1@g13.example", "registration_closed 2 org2@g13.example"
            ])
        #expect(try f2.strings("SELECT DISTINCT payload->>'count' FROM outbox WHERE kind = 'registration_closed'") == ["1"])
        #expect(try await ReminderScheduler(pool: f2.pool).enqueueDue(now: F.at("2020-10-16T18:00:00Z")) == 2)
        #expect(try await ReminderScheduler(pool: f2.pool).enqueueDue(now: F.at("2020-10-17T18:00:00Z")) == 0)
        await f.shutdown()
        await f2.shutdown()
    }

    @Test func anEventWithNoAnnouncedCloseClosesOnItsLastDay() async throws {
        let f = try F("remind_no_window")
        try f.run("UPDATE event SET registration_closes_on = NULL WHERE id = 1")  // open until 20 October, its last day
        let scheduler = ReminderScheduler(pool: f.pool)
        func kinds() throws -> [String] { try f.strings("SELECT kind::text FROM outbox WHERE event_id = 1 ORDER BY id") }
        _ = try await scheduler.enqueueDue(now: F.at("2020-10-13T02:00:00Z"))
        #expect(try kinds() == [])
        _ = try await scheduler.enqueueDue(now: F.at("2020-10-17T01:59:59Z"))
        #expect(try kinds() == [])
        _ = try await scheduler.enqueueDue(now: F.at("2020-10-17T02:00:00Z"))
        #expect(try kinds() == ["registration_closes_in_3_days"])
        #expect(try f.strings("SELECT payload->>'closesOn' FROM outbox WHERE event_id = 1") == ["2020-10-20"])
        await f.shutdown()
    }

    @Test func theEventIsTomorrowReachesRegisteredApplicationsAtNineTheDayBefore() async throws {
        let f = try F("remind_event")
        let scheduler = ReminderScheduler(pool: f.pool)
        try f.run("UPDATE event SET closed_early_at = '2020-10-10 00:00+07'")  // no closing reminders in this test
        // 09:00 on 18 October: 02:00 UTC in Tomsk and Novosibirsk, 03:00 UTC in Almaty
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-18T01:59:59Z")) == 0)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-18T02:00:00Z")) == 2)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-18T03:00:00Z")) == 1)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-18T16:00:00Z")) == 0)
        #expect(
            try f.strings("SELECT kind::text || ' ' || application_id || ' ' || recipient_email FROM outbox ORDER BY id") == [
                "event_tomorrow 101 orlova@s60.example", "event_tomorrow 102 orlova@s60.example", "event_tomorrow 103 orlova@s60.example"
            ])
        await f.shutdown()
    }

    @Test func nothingIsWrittenForACancelledEventOrAWithdrawnApplication() async throws {
        let f = try F("remind_cancelled")
        try f.run(
            """
            UPDATE event SET cancelled_at = '2020-10-01' WHERE id = 1;
            UPDATE application SET status = 'withdrawn' WHERE id = 102;
            """)
        let scheduler = ReminderScheduler(pool: f.pool)
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-13T03:00:00Z")) == 2)
        #expect(try f.outbox().allSatisfy { !$0.contains(" 1 ") })
        try f.run("UPDATE event SET closed_early_at = '2020-10-14 00:00+07'")
        #expect(try await scheduler.enqueueDue(now: F.at("2020-10-18T03:00:00Z")) == 1)
        #expect(try f.strings("SELECT application_id::text FROM outbox WHERE kind = 'event_tomorrow'") == ["103"])
        await f.shutdown()
    }

    @Test func twoSchedulersAtOnceWriteEachReminderOnce() async throws {
        let f = try F("remind_concurrent")
        let a = ReminderScheduler(pool: f.pool)
        let b = ReminderScheduler(pool: f.pool)
        let now = F.at("2020-10-13T03:00:00Z")
        async let ra = a.enqueueDue(now: now)
        async let rb = b.enqueueDue(now: now)
        let written = try await ra + rb
        #expect(written == 3)
        #expect(try f.count("SELECT count(*) FROM outbox") == 3)
        await f.shutdown()
    }
}
