import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct ResultsExportTests {
    typealias F = EventAdminFixture

    @Test func participantsExportHasOneRowPerPersonWithStageAndAwards() async throws {
        try await F.with("export_rows") { f in
            let ids = try f.finalists(1, firstID: 1000, nomination: F.poetry)
            let qualifier = try f.applications(1, firstID: 1100, organisations: [50])
            try f.place(qualifier, in: F.qualifying)
            try f.applications(1, firstID: 1200, status: "withdrawn")
            try f.run(
                """
                INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email, headcount)
                    OVERRIDING SYSTEM VALUE VALUES (1300, 1, 60, 'test', 'Орлова Н.', 'o@example.org', 12);
                UPDATE application SET status = 'accepted' WHERE id = 1300;
                """)
            _ = try await f.service.recordResults(
                [
                    ResultInput(applicationID: ids[0], nominationID: F.poetry, award: .winner),
                    ResultInput(applicationID: ids[0], award: "special", title: "За артистизм")
                ], event: F.event, by: F.organiser)

            let rows = try await f.service.participants(event: F.event, by: F.organiser)
            #expect(rows.map(\.applicationID.rawValue) == [1000, 1100, 1300])
            let first = try #require(rows.first)
            #expect(first.fullName == "Ученица1000 Мария Петровна")
            #expect(first.grade == 9)
            #expect(first.role == "participant")
            #expect(first.stage == "Заключительный")
            #expect(first.nomination == "Поэзия")
            #expect(first.awards == ["winner", "special:За артистизм"])
            #expect(rows[1].stage == "Отборочный")
            #expect(rows[1].awards.isEmpty)
            #expect(rows[2].fullName == nil)  // a group entered by headcount only
            let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
            #expect(!json.contains("2006"))
            #expect(!json.contains("example.org"))
        }
    }
}
