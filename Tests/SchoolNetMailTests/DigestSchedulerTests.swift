import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import Testing

/// The organiser's digest of new applications (issue 15): at most one per account per hour, listing what was
/// submitted since the last one; none when nothing is new; none for an account that turned digests off.
@Suite struct DigestSchedulerTests {
    typealias F = ScheduleFixture

    /// Application `id` to event 1 from school 50, submitted at `at`.
    func submit(_ f: F, _ id: Int, at: String) throws {
        try f.run(
            """
            INSERT INTO application (id, event_id, organisation_id, team_name, status, submitted_by, responsible_name,
                                     contact_email, headcount, submitted_at)
            OVERRIDING SYSTEM VALUE VALUES ($id, 1, 50, 'Команда \(id)', 'submitted', 'test', 'Учитель', 't@s50.example', 2, '\(at)')
            """.replacingOccurrences(of: "$id", with: "\(id)"))
    }

    func digests(_ f: F) throws -> [String] {
        try f.strings(
            """
            SELECT recipient_email || ' ' || (payload->>'count') || ' '
                   || (SELECT string_agg(i->>'applicationId', ',') FROM jsonb_array_elements(payload->'items') i)
            FROM outbox WHERE kind = 'organiser_digest' ORDER BY id
            """)
    }

    @Test func atMostHourlyWithWhatIsNewSinceTheLastOne() async throws {
        let f = try F("digest_hourly")
        let digest = DigestScheduler(pool: f.pool)
        try submit(f, 201, at: "2020-10-05T10:10:00Z")
        try submit(f, 202, at: "2020-10-05T10:20:00Z")
        #expect(try await digest.enqueueDue(now: F.at("2020-10-05T10:30:00Z")) == 2)
        #expect(try digests(f) == ["org1@g13.example 2 201,202", "org2@g13.example 2 201,202"])
        // new applications within the hour wait for the next digest
        try submit(f, 203, at: "2020-10-05T10:40:00Z")
        #expect(try await digest.enqueueDue(now: F.at("2020-10-05T11:29:59Z")) == 0)
        #expect(try await digest.enqueueDue(now: F.at("2020-10-05T11:30:00Z")) == 2)
        #expect(try digests(f).suffix(2) == ["org1@g13.example 1 203", "org2@g13.example 1 203"])
        // nothing new: no digest
        #expect(try await digest.enqueueDue(now: F.at("2020-10-05T14:00:00Z")) == 0)
        await f.shutdown()
    }

    @Test func turnedOffDigestsAreNotWrittenAndTwoSchedulersWriteOne() async throws {
        let f = try F("digest_opt_out")
        try submit(f, 201, at: "2020-10-05T10:10:00Z")
        try await f.pool.withTransaction { conn in
            try NotificationSettingsRepository().setPreferences(NotificationPreferences(digests: false), of: .account(2), at: Date(), on: conn)
        }
        let now = F.at("2020-10-05T10:30:00Z")
        async let a = DigestScheduler(pool: f.pool).enqueueDue(now: now)
        async let b = DigestScheduler(pool: f.pool).enqueueDue(now: now)
        #expect(try await a + b == 1)
        #expect(try digests(f) == ["org1@g13.example 1 201"])
        await f.shutdown()
    }
}
