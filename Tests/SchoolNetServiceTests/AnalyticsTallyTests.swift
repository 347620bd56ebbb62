import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// event_member_tally (migration 0010), the counters the report reads, against a recount from the base
/// tables after every kind of change: registration, review, edit (members and headcount), withdrawal,
/// re-activation, a person's kind changed, members deleted or moved by hand, an application deleted; 32
/// registrations and withdrawals at once; a change of kind racing a new member in both orders.
@Suite(.serialized) struct AnalyticsTallyTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("analytics_tally") }

    /// Where the counters, the members' copied kinds or the report's per-event figures differ from a
    /// recount over application_member, person and analytics.participation; empty when all is exact.
    static func drift(_ conn: PQConnection) throws -> [String] {
        try conn.query(
            """
            SELECT concat_ws('|', 'tally', event_id, person_kind, t.members, r.n)
            FROM (SELECT event_id, person_kind, members FROM event_member_tally WHERE members <> 0) t
            FULL JOIN (SELECT event_id, person_kind, count(*) AS n FROM application_member WHERE application_active GROUP BY 1, 2) r
                USING (event_id, person_kind)
            WHERE t.members IS DISTINCT FROM r.n
            UNION ALL
            SELECT concat_ws('|', 'kind', m.id, m.person_kind, p.kind)
            FROM application_member m JOIN person p ON p.id = m.person_id
            WHERE m.person_kind <> p.kind
            UNION ALL
            SELECT concat_ws('|', 'report', ep.event_id, ep.participants, ep.other_participants, x.participants, x.other)
            FROM analytics.event_participation ep
            LEFT JOIN (SELECT event_id,
                              coalesce(sum(people) FILTER (WHERE counted AND source <> 'juror'), 0) AS participants,
                              coalesce(sum(people) FILTER (WHERE NOT counted), 0) AS other
                       FROM analytics.participation GROUP BY event_id) x ON x.event_id = ep.event_id
            WHERE (ep.participants, ep.other_participants) IS DISTINCT FROM (coalesce(x.participants, 0), coalesce(x.other, 0))
            """
        ).map { try $0.decode(0, as: String.self) }
    }

    /// An event's non-zero counters, "pupil 2, teacher 1".
    func tally(_ event: EventID) throws -> String {
        try fx.connect().query(
            """
            SELECT coalesce(string_agg(person_kind || ' ' || members, ', ' ORDER BY person_kind::text), '')
            FROM event_member_tally WHERE event_id = $1 AND members <> 0
            """, [event.rawValue]
        ).first!.decode(0)
    }

    /// The report's figures for the event: "participants|other".
    func report(_ event: EventID) throws -> String {
        try fx.connect().query(
            """
            SELECT participants || '|' || other_participants FROM analytics.event_participation WHERE event_id = $1
            """, [event.rawValue]
        ).first!.decode(0)
    }

    /// A person's id by surname (the fixture's names are unique per test).
    func person(_ lastName: String) throws -> Int64 {
        try fx.connect().query("SELECT id FROM person WHERE last_name = $1", [lastName]).first!.decode(0)
    }

    @Test func everyChangeKeepsTheCountersExact() async throws {
        let event = try fx.event(EventSpec(team: 1...8, allowTeachers: true))  // a headcount counts towards the size
        let service = fx.service()
        let conn = try fx.connect()
        let a = try await service.register(
            request(
                event, fx.schoolA,
                [
                    pupil("Счётов", "Саша"), pupil("Счётова", "Соня"), teacher("Учителев", "Устин", role: .mentor)
                ], team: "Счётчики"), by: fx.school(fx.schoolA)
        ).application
        #expect(try tally(event) == "pupil 2, teacher 1")
        #expect(try report(event) == "2|1")  // the teacher accompanies a pupils' team: other
        #expect(try Self.drift(conn) == [])

        _ = try await service.review(a.id, decision: .accept, by: fx.organiserCaller)
        #expect(try tally(event) == "pupil 2, teacher 1")

        // Edit: one pupil replaced by two, 3 people not named one by one.
        _ = try await service.edit(
            a.id,
            ApplicationChange(
                teamName: "Счётчики", responsible: responsible,
                members: [
                    pupil("Счётов", "Саша"), pupil("Новиков", "Нил"), pupil("Новикова", "Нина"), teacher("Учителев", "Устин", role: .mentor)
                ], headcount: 3), by: fx.school(fx.schoolA))
        #expect(try tally(event) == "pupil 3, teacher 1")
        #expect(try report(event) == "6|1")
        #expect(try Self.drift(conn) == [])

        let b = try await service.register(
            request(event, fx.schoolB, [pupil("Вторых", "Вова")], team: "Вторые"),
            by: fx.school(fx.schoolB)
        ).application
        #expect(try tally(event) == "pupil 4, teacher 1")
        _ = try await service.review(b.id, decision: .reject(reason: "Не та номинация"), by: fx.organiserCaller)
        #expect(try tally(event) == "pupil 3, teacher 1")

        _ = try await service.withdraw(a.id, by: fx.school(fx.schoolA))
        #expect(try tally(event) == "")
        #expect(try report(event) == "0|0")
        #expect(try Self.drift(conn) == [])

        // Re-activated by hand (an admin's correction): counted again.
        try conn.execute("UPDATE application SET status = 'submitted', status_reason = NULL WHERE id = $1", [a.id.rawValue])
        #expect(try tally(event) == "pupil 3, teacher 1")

        // A pupil recorded as a teacher by mistake, and back.
        let novikov = try person("Новиков")
        try conn.execute("UPDATE person SET kind = 'teacher' WHERE id = $1", [novikov])
        #expect(try tally(event) == "pupil 2, teacher 2")
        #expect(try report(event) == "5|2")
        #expect(try Self.drift(conn) == [])
        try conn.execute("UPDATE person SET kind = 'pupil' WHERE id = $1", [novikov])
        #expect(try tally(event) == "pupil 3, teacher 1")

        // Members by hand: one deleted, one moved to another (a teacher) person.
        try conn.execute(
            "DELETE FROM application_member WHERE application_id = $1 AND person_id = $2",
            [a.id.rawValue, try person("Новикова")])
        #expect(try tally(event) == "pupil 2, teacher 1")
        let other: Int64 = try conn.query(
            "INSERT INTO person (kind, last_name, first_name) VALUES ('teacher', 'Заменов', 'Захар') RETURNING id"
        ).first!.decode(0)
        try conn.execute(
            "UPDATE application_member SET person_id = $3 WHERE application_id = $1 AND person_id = $2",
            [a.id.rawValue, novikov, other])
        #expect(try tally(event) == "pupil 1, teacher 2")
        #expect(try Self.drift(conn) == [])

        // A copied kind that is not the person's is refused by the foreign key.
        var forged: PQError?
        do {
            try conn.execute(
                "INSERT INTO application_member (application_id, person_id, person_kind) VALUES ($1, $2, 'teacher')",
                [a.id.rawValue, novikov])
        } catch let error as PQError { forged = error }
        #expect(forged?.kind == .foreignKeyViolation)
        #expect(forged?.constraint == "application_member_person_kind_fkey")

        // The whole application deleted: its members go, and with them the counts.
        try conn.execute("DELETE FROM application WHERE id = $1", [a.id.rawValue])
        #expect(try tally(event) == "")
        #expect(try Self.drift(conn) == [])
    }

    /// 16 registrations and 16 withdrawals at once (plus 8 edits): the counters equal the recount.
    @Test func concurrentRegistrationsAndWithdrawalsKeepTheCountersExact() async throws {
        let event = try fx.event(EventSpec(team: 1...3, allowTeachers: true))
        let service = fx.service()
        let fixture = fx
        var existing: [(Application, OrganisationID)] = []
        for i in 0..<24 {
            let school = fx.others[i % fx.others.count]
            let outcome = try await service.register(
                request(
                    event, school,
                    [
                        pupil("Прежний\(i)", "Павел"), teacher("Наставников\(i)", "Никита", role: .mentor)
                    ], team: "Прежние \(i)"), by: fx.school(school))
            existing.append((outcome.application, school))
        }
        #expect(try tally(event) == "pupil 24, teacher 24")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<AnalyticsTallyTests.racers / 2 {
                let (application, owner) = existing[i]
                group.addTask { _ = try await service.withdraw(application.id, by: fixture.school(owner)) }
                let school = fixture.others[i % fixture.others.count]
                group.addTask {
                    _ = try await service.register(
                        request(
                            event, school, [pupil("Новый\(i)", "Нестор"), pupil("Новая\(i)", "Нина")],
                            team: "Новые \(i)"), by: fixture.school(school))
                }
            }
            for i in 16..<24 {
                let (application, owner) = existing[i]
                group.addTask {
                    _ = try await service.edit(
                        application.id,
                        ApplicationChange(
                            teamName: "Прежние \(i)", responsible: responsible,
                            members: [
                                pupil("Прежний\(i)", "Павел"), pupil("Добавленный\(i)", "Демид")
                            ]), by: fixture.school(owner))
                }
            }
            try await group.waitForAll()
        }
        // 16 new teams of 2 pupils; 8 edited teams of 2 pupils (their mentors dropped); 16 withdrawn.
        #expect(try tally(event) == "pupil 48")
        #expect(try Self.drift(try fx.connect()) == [])
    }

    static let racers = 32

    /// A person's kind changed while they are added to a team: whichever commits first, the member row
    /// ends with the person's final kind and the counters with it.
    @Test(arguments: [true, false]) func aKindChangeRacingANewMember(kindChangeFirst: Bool) async throws {
        let event = try fx.event(EventSpec(team: 1...5, allowTeachers: true))
        let tag = kindChangeFirst ? "Первым" : "Вторым"
        let application = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Гонкин\(tag)", "Гена")], team: "Гонка \(tag)"),
            by: fx.school(fx.schoolA)
        ).application
        let observer = try fx.connect()
        let personID: Int64 = try observer.query(
            "INSERT INTO person (kind, last_name, first_name) VALUES ('pupil', $1, 'Павел') RETURNING id", ["Переменный\(tag)"]
        ).first!.decode(0)
        let change = "UPDATE person SET kind = 'teacher' WHERE id = \(personID)"
        let insert = "INSERT INTO application_member (application_id, person_id) VALUES (\(application.id.rawValue), \(personID))"
        let (first, second) = kindChangeFirst ? (change, insert) : (insert, change)

        let holder = try fx.connect()
        try holder.execute("BEGIN")
        try holder.execute(first)
        let config = fx.config
        let waiter = Task.detached {
            try PQConnection(config).execute(second)
        }
        // The second statement must be waiting for the first's row lock before the first commits.
        var waiting = false
        for _ in 0..<400 where !waiting {
            waiting = try observer.query(
                """
                SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """
            ).first!.decode(0)
            if !waiting { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(waiting)
        try holder.execute("COMMIT")
        _ = try await waiter.value
        #expect(try tally(event) == "pupil 1, teacher 1")
        #expect(try Self.drift(observer) == [])
    }
}

/// Migration 0010 on a database that already holds registrations: the copied kinds and the counters are
/// filled, nothing is audited for it, and the report's figures are the hand-computed ones.
@Suite struct AnalyticsTallyBackfillTests {
    @Test func migratingFilledDataBackfillsKindsAndCounters() throws {
        let conn = try PQConnection(try TestDatabase.fresh("analytics_tally_backfill"))
        try Migrator(migrations: EmbeddedSQL.migrations.filter { $0.name < "0010" }).migrate(conn)
        try conn.executeScript(AnalyticsFixture.sql)
        let audited: Int = try conn.query("SELECT count(*) FROM audit_log").first!.decode(0)
        #expect(try Migrator().migrate(conn) == EmbeddedSQL.migrations.map(\.name).filter { $0 >= "0010" })
        #expect(try conn.query("SELECT count(*) FROM audit_log").first!.decode(0, as: Int.self) == audited)
        #expect(try AnalyticsTallyTests.drift(conn) == [])
        #expect(
            try conn.query(
                """
                SELECT concat_ws('|', event_id, participants, other_participants, jurors)
                FROM analytics.event_participation ORDER BY event_id
                """
            ).map { try $0.decode(0, as: String.self) }
                == ["11|8|1|0", "12|14|0|2", "13|4|0|0", "14|1|0|0", "15|1|1|0", "16|22|0|0", "17|1|0|1"])
    }
}
