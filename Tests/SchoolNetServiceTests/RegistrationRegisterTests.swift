import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// Successful registrations: people matched or created, consents and grades recorded, audit, idempotent replays.
@Suite(.serialized) struct RegistrationRegisterTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("registration_register") }

    @Test func individualPupilIsCreatedWithGradeAndConsent() async throws {
        let event = try fx.event()
        let before = try fx.counts()
        let outcome = try await fx.service().register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]), by: fx.school(fx.schoolA))
        #expect(!outcome.replayed)
        let application = outcome.application
        #expect(application.status == .submitted)
        #expect(application.members.count == 1)
        #expect(application.members[0].grade == 6)
        #expect(application.members[0].hasConsent)
        #expect(application.responsible == responsible)
        #expect(application.submittedAt == RegistrationFixture.now)
        let after = try fx.counts()
        #expect(after.people == before.people + 1)
        #expect(after.consents == before.consents + 1)
        #expect(after.grades == before.grades + 1)
    }

    @Test func theSamePersonIsMatchedByNormalisedNameBirthDateAndOrganisation() async throws {
        let first = try await fx.service().register(
            request(try fx.event(), fx.schoolA, [pupil("Фёдорова", "Алёна")]), by: fx.school(fx.schoolA))
        let people = try fx.counts().people
        let again = try await fx.service().register(
            request(try fx.event(), fx.schoolA, [pupil("  ФЕДОРОВА ", "алена", consent: false)]), by: fx.school(fx.schoolA))
        #expect(again.application.members[0].personID == first.application.members[0].personID)
        // Her consent is on record: the school need not state it again.
        #expect(again.application.members[0].hasConsent)
        #expect(try fx.counts().people == people)
        // Another school's pupil of the same name and birth date is another person.
        let other = try await fx.service().register(
            request(try fx.event(), fx.schoolB, [pupil("Фёдорова", "Алёна")]), by: fx.school(fx.schoolB))
        #expect(other.application.members[0].personID != first.application.members[0].personID)
    }

    @Test func teamWithRequiredRolesAndANomination() async throws {
        let event = try fx.event(EventSpec(team: 2...2, requiredRoles: ["mentor", "young_teacher"], grades: nil, allowPupils: false, allowTeachers: true))
        let nomination = try fx.nomination(event, "Школьные кейсы")
        let outcome = try await fx.service().register(
            request(
                event, fx.schoolA,
                [
                    teacher("Наставникова", "Ольга", "Петровна", role: .mentor), teacher("Молодцова", "Ирина", role: .youngTeacher)
                ], team: "Пара", nomination: nomination), by: fx.school(fx.schoolA))
        #expect(outcome.application.teamName == "Пара")
        #expect(outcome.application.nominationID == nomination)
        #expect(outcome.application.members.map(\.role) == [.mentor, .youngTeacher])
        // A teacher without a birth date is matched on the full name within the school.
        let again = try await fx.service().register(
            request(
                try fx.event(EventSpec(grades: nil, allowTeachers: true)), fx.schoolA,
                [
                    teacher("наставникова", "ольга", "петровна")
                ]), by: fx.school(fx.schoolA))
        #expect(again.application.members[0].personID == outcome.application.members[0].personID)
    }

    @Test func groupEntryWithAHeadcountAndWorksWithAuthors() async throws {
        let event = try fx.event(EventSpec(team: 1...30, grades: 1...9))
        let nomination = try fx.nomination(event, "Хор")
        let outcome = try await fx.service().register(
            request(
                event, fx.schoolA, [pupil("Солистова", "Дарья")], team: "Хор 5А",
                headcount: 20,
                entries: [
                    EntryRequest(kind: .performance, title: "Песня о школе", nominationID: nomination, headcount: 21),
                    EntryRequest(kind: .work, title: "Плакат", authors: [0])
                ]), by: fx.school(fx.schoolA))
        let application = outcome.application
        #expect(application.headcount == 20)
        #expect(application.entries.map(\.kind) == [.performance, .work])
        #expect(application.entries[0].headcount == 21)
        #expect(application.entries[1].authors == [application.members[0].personID])
        // A class entered by number only: nobody named, the headcount is the team.
        let unnamed = try await fx.service().register(
            request(
                event, fx.schoolB, [], team: "2Б класс", headcount: 25,
                entries: [EntryRequest(kind: .performance, title: "Танец", headcount: 25)]), by: fx.school(fx.schoolB))
        #expect(unnamed.application.members.isEmpty && unnamed.application.headcount == 25)
        // The headcount counts towards the team's size.
        try await expectRefusal(.teamTooLarge, in: fx) {
            try await fx.service().register(
                request(event, fx.schoolB, [pupil("Певцова", "Дарья")], team: "Хор 6Б", headcount: 30),
                by: fx.school(fx.schoolB))
        }
    }

    @Test func idempotentReplayReturnsTheFirstOutcomeAndCreatesNothing() async throws {
        let event = try fx.event()
        let r = request(event, fx.schoolA, [pupil("Повторова", "Яна")], key: "retry-1")
        let first = try await fx.service().register(r, by: fx.school(fx.schoolA))
        let before = try fx.counts()
        let second = try await fx.service(at: RegistrationFixture.now.addingTimeInterval(60)).register(r, by: fx.school(fx.schoolA))
        #expect(second.replayed)
        #expect(second.application == first.application)
        #expect(try fx.counts() == before)
        // The same key from another school is that school's own key.
        let other = try await fx.service().register(request(event, fx.schoolB, [pupil("Другова", "Яна")], key: "retry-1"), by: fx.school(fx.schoolB))
        #expect(!other.replayed)
    }

    @Test func everyChangeIsAudited() async throws {
        let token: Int64 = try fx.connect().query(
            """
            INSERT INTO api_token (token_hash, role, organisation_id, label) VALUES (sha256('audit-test'::bytea), 'school', $1, 'test')
            RETURNING id
            """, [fx.schoolA.rawValue]
        ).first!.decode(0)
        let caller = Caller(organisationID: fx.schoolA, role: .school, tokenID: token, displayName: "Петрова А. И.")
        let outcome = try await fx.service().register(request(try fx.event(), fx.schoolA, [pupil("Аудитова", "Ася")]), by: caller)
        let id = outcome.application.id
        _ = try await fx.service().withdraw(id, by: caller)
        let rows = try fx.connect().query(
            """
            SELECT action, actor, token_id, before ->> 'status' AS before, after ->> 'status' AS after
            FROM audit_log WHERE entity = 'application' AND entity_id = $1 ORDER BY id
            """, [id.rawValue])
        #expect(rows.count == 2)
        #expect(try rows[0].decode("action", as: String.self) == "insert")
        #expect(try rows[1].decode("action", as: String.self) == "update")
        #expect(try rows[1].decode("before", as: String?.self) == "submitted")
        #expect(try rows[1].decode("after", as: String?.self) == "withdrawn")
        for row in rows {
            #expect(try row.decode("actor", as: String?.self) == "Петрова А. И.")
            #expect(try row.decode("token_id", as: Int64?.self) == token)
        }
        let memberRows: Int = try fx.connect().query(
            """
            SELECT count(*) FROM audit_log WHERE entity = 'application_member' AND (after ->> 'application_id')::bigint = $1
            """, [id.rawValue]
        ).first!.decode(0)
        #expect(memberRows >= 1)
    }

    @Test func historicalImportSkipsOnlyTheWindow() async throws {
        // «Спортивная мозаика», 2 October 2020, teams of grade 6: loaded a year later by the regional centre.
        let event = try fx.event(EventSpec(startsOn: "2020-10-02", closesOn: "2020-09-30", team: 7...7, grades: 6...6))
        let later = fx.service(at: instant("2021-09-15T10:00:00+07:00"))
        let team = (1...7).map { pupil("Спортсмен\($0)", "Иван") }
        try await expectRefusal(.registrationClosed, in: fx) {
            try await later.register(request(event, fx.schoolA, team, team: "Мозаика"), by: fx.admin)
        }
        let outcome = try await later.register(request(event, fx.schoolA, team, team: "Мозаика", historical: true), by: fx.admin)
        #expect(outcome.application.members.count == 7)
        // Team and eligibility rules still apply.
        try await expectRefusal(.teamTooSmall, in: fx) {
            try await later.register(request(event, fx.schoolB, Array(team.prefix(6)), team: "Шестеро", historical: true), by: fx.admin)
        }
        try await expectRefusal(Array(repeating: .gradeOutOfRange, count: 7), in: fx) {
            try await later.register(
                request(
                    event, fx.schoolB, (1...7).map { pupil("Старший\($0)", "Олег", grade: 7) },
                    team: "Семиклассники", historical: true), by: fx.admin)
        }
    }

    @Test func requestTypesUseStableJSONNames() throws {
        let json = """
            {"eventId": 5, "organisationId": 7, "teamName": "Звезда",
             "responsible": {"name": "Петрова Анна", "phone": "+7 913 000-00-00"},
             "members": [{"lastName": "Иванова", "firstName": "Мария", "birthDate": "2009-03-01", "kind": "pupil", "grade": 6, "consent": true}],
             "headcount": 3}
            """
        let r = try JSONDecoder().decode(RegistrationRequest.self, from: Data(json.utf8))
        #expect(r.eventID == EventID(rawValue: 5))
        #expect(r.change.members[0].role == .participant)
        #expect(r.change.members[0].birthDate == date("2009-03-01"))
        #expect(r.change.entries.isEmpty && !r.change.historicalImport)
        let encoded = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        #expect(encoded.contains("\"eventId\":5"))
        let decision = try JSONDecoder().decode(ReviewDecision.self, from: Data(#"{"decision":"reject","reason":"нет"}"#.utf8))
        #expect(decision == .reject(reason: "нет"))
    }
}
