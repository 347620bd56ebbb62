import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// A grade contradicting the one on record is 409 grade_conflict; the pupil's school corrects the record with
/// POST /v1/people/{id}/grade; another school may not.
@Suite(.serialized) struct APIPeopleTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_people") }

    @Test func aContradictingGradeIsAConflictAndTheSchoolCorrectsTheRecord() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Классова", grade: 6))
            #expect(created.status == .created)
            let member = try #require((created.object["members"] as? [[String: Any]])?.first)
            let person = try #require(int(member["personId"]))

            let other = f.individual(event: f.otherEvent, lastName: "Классова", grade: 7)
            let conflict = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: other)
            #expect(conflict.status == .conflict)
            #expect(conflict.problem?.code == "grade_conflict")
            #expect(conflict.problem?.errors?.first?.field == "members[0].grade")

            let body = #"{"schoolYear": "2025-2026", "grade": 7}"#
            let forbidden = try await send(client, .post, "/v1/people/\(person)/grade", token: f.tokens.schoolB, json: body)
            #expect(forbidden.status == .forbidden)
            let badYear = try await send(client, .post, "/v1/people/\(person)/grade", token: f.tokens.schoolA, json: #"{"schoolYear": "2025", "grade": 7}"#)
            #expect(badYear.status == .unprocessableContent, "a value of the right type that no rule accepts")
            #expect(badYear.problem?.code == "validation")
            let missing = try await send(
                client, .post, "/v1/people/\(person)/grade", token: f.tokens.schoolA, json: #"{"schoolYear": "2019-2020", "grade": 7}"#)
            #expect(missing.status == .notFound)

            let corrected = try await send(client, .post, "/v1/people/\(person)/grade", token: f.tokens.schoolA, json: body)
            #expect(corrected.status == .ok)
            #expect(int(corrected.object["personId"]) == person)
            #expect(int(corrected.object["before"]) == 6)
            #expect(int(corrected.object["after"]) == 7)
            #expect((corrected.object["unfit"] as? [Any])?.isEmpty == true)

            let accepted = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: other)
            #expect(accepted.status == .created)
        }
    }
}
