import Foundation
import SchoolNetDomain
import Testing

@testable import SchoolNetService

/// What an idempotency fingerprint is computed over (PostgreSQL hashes this text as jsonb): the request alone, never
/// its key. The stored hashes of past registrations were computed from this form, so a replay sent across an upgrade
/// must still match them.
@Suite struct RegistrationFingerprintTests {
    static let body = """
        {"eventId": 5, "organisationId": 7, "teamName": "Звезда", "nominationId": 3,
         "responsible": {"name": "Петрова Анна", "phone": "+7 913 000-00-00"},
         "members": [{"lastName": "Иванова", "firstName": "Мария", "birthDate": "2009-03-01", "kind": "pupil", "grade": 6, "consent": true},
                     {"lastName": "Петров", "firstName": "Пётр", "kind": "teacher", "role": "mentor"}],
         "headcount": 2, "entries": [{"kind": "work", "title": "Мост/Bridge", "authors": [0]}]}
        """

    func request(key: String?) throws -> RegistrationRequest {
        try JSONBody.decode(RegistrationBody.self, from: Array(Self.body.utf8)).request(idempotencyKey: key)
    }

    @Test func theCanonicalFormKeepsItsBytes() throws {
        #expect(
            try self.request(key: "k1").canonicalJSON()
                == #"{"entries":[{"authors":[0],"kind":"work","title":"Мост/Bridge"}],"eventId":5,"headcount":2,"historicalImport":false,"#
                + #""members":[{"birthDate":"2009-03-01","consent":true,"firstName":"Мария","grade":6,"kind":"pupil","lastName":"Иванова","#
                + #""role":"participant"},{"consent":false,"firstName":"Пётр","kind":"teacher","lastName":"Петров","role":"mentor"}],"#
                + #""nominationId":3,"organisationId":7,"responsible":{"name":"Петрова Анна","phone":"+7 913 000-00-00"},"teamName":"Звезда"}"#)
    }

    /// A web form builds the request in Swift from its fields; it is the request the API's body gives.
    @Test func aRequestBuiltInSwiftIsTheBodysRequest() throws {
        let built = RegistrationRequest(
            eventID: EventID(rawValue: 5), organisationID: OrganisationID(rawValue: 7),
            change: ApplicationChange(
                teamName: "Звезда", nominationID: NominationID(rawValue: 3),
                responsible: ResponsibleTeacher(name: "Петрова Анна", phone: "+7 913 000-00-00"),
                members: [
                    MemberRequest(lastName: "Иванова", firstName: "Мария", birthDate: LocalDate("2009-03-01"), kind: .pupil, grade: 6, consent: true),
                    MemberRequest(lastName: "Петров", firstName: "Пётр", kind: .teacher, role: .mentor)
                ],
                headcount: 2, entries: [EntryRequest(kind: .work, title: "Мост/Bridge", authors: [0])]),
            idempotencyKey: "k1")
        #expect(built == (try self.request(key: "k1")))
        #expect(try built.canonicalJSON() == self.request(key: "k1").canonicalJSON())
    }

    @Test func theKeyIsNotPartOfTheFingerprint() throws {
        #expect(try self.request(key: "k1").canonicalJSON() == self.request(key: "another").canonicalJSON())
        #expect(try self.request(key: "k1").canonicalJSON() == self.request(key: nil).canonicalJSON())
    }
}
