import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// A subject access request (issue 17): the export holds what SchoolNet keeps about the person and nothing of anyone
/// else; only the regional centre may make it.
@Suite struct PersonExportTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("person_export") }

    @Test func theExportHoldsThePersonsDataAndNoTeammates() async throws {
        let event = try fx.event(EventSpec(team: 1...5))
        let registered = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Экспортова", "Эля", born: "2009-04-05"), pupil("Соседова", "Соня", born: "2009-06-07")], team: "Экспорт"),
            by: fx.school(fx.schoolA))
        let person = try #require(registered.application.members.first?.personID)
        let text = try await PersonExportService(pool: fx.pool).export(person, by: fx.admin)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        let record = try #require(document["person"] as? [String: Any])
        #expect(record["last_name"] as? String == "Экспортова" && record["birth_date"] as? String == "2009-04-05")
        #expect((document["grades"] as? [[String: Any]])?.first?["grade"] as? Int == 6)
        #expect((document["consents"] as? [Any])?.count == 1)
        let applications = try #require(document["applications"] as? [[String: Any]])
        #expect(applications.map { $0["applicationId"] as? Int } == [Int(registered.application.id.rawValue)])
        #expect(applications.first?["teamName"] as? String == "Экспорт")
        #expect(!((document["auditLog"] as? [Any]) ?? []).isEmpty, "the person's own audit entries")
        // nothing of the teammate: not her name, not her birth date, anywhere in the document
        #expect(!text.contains("Соседова") && !text.contains("2009-06-07"), "\(text)")
        #expect(!text.contains("password"))
        let noted = try fx.connect().query(
            "SELECT actor, after::text FROM audit_log WHERE entity = 'person_export' AND entity_id = $1", [person.rawValue])
        #expect(noted.count == 1, "the export itself is audited")
        #expect(try noted.first?.decode(1, as: String.self) == #"{"subjectAccess": true}"#, "without the data")
    }

    @Test func onlyTheRegionalCentreExportsAndAnUnknownPersonIsNamed() async throws {
        let event = try fx.event()
        let registered = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Закрытова", "Зоя")]), by: fx.school(fx.schoolA))
        let person = try #require(registered.application.members.first?.personID)
        let service = PersonExportService(pool: fx.pool)
        await #expect(throws: RegistrationRefusal.self) { _ = try await service.export(person, by: fx.school(fx.schoolA)) }
        do {
            _ = try await service.export(PersonID(rawValue: 999_999_999), by: fx.admin)
            Issue.record("an unknown person was exported")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.code) == [.notFound])
            #expect(refusal.errors.first?.messageEN == "Person 999999999 not found")
        }
    }
}
