import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// A large school's lists are not sent whole with the registration form: it asks for a class or a name first, and
/// then lists exactly those (a small school's lists are listed whole, as before).
@Suite struct RegistrationRosterTests {
    let f: WebFixture

    init() throws { f = try WebFixture.shared("web_roster") }

    @Test func aLargeSchoolsFormAsksForAClassOrANameInsteadOfListingEveryone() async throws {
        // School B gets 70 sixth-graders: 35 in 6Г, 35 in 6Д.
        let conn = try PQConnection(f.config)
        let people = PersonRepository()
        var ids: [PersonID] = []
        for i in 0..<70 {
            let person = try people.create(
                NewPerson(
                    kind: .pupil, name: PersonName(parsing: "Ученик\(i) Иван Иванович")!, birthDate: LocalDate("2013-03-02")!,
                    organisationID: f.schoolB), on: conn)
            try people.setGrade(
                PupilGrade(personID: person.id, schoolYear: WebFixture.schoolYear, organisationID: f.schoolB, grade: 6, classLetter: i < 35 ? "Г" : "Д"),
                on: conn)
            ids.append(person.id)
        }
        let last = ids[69]
        let event = try f.newTeamEvent("Форма: большая школа")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "large@school60.example", of: f.schoolB, name: "Смирнова Анна")
            let form = try await browser.get("/events/\(event.rawValue)/register")
            #expect(form.status == 200)
            #expect(form.html.contains(#"id="people-choose""#))
            #expect(!form.html.contains(#"name="member""#), "no row of the lists yet")
            #expect(!form.html.contains("data-complete"))
            #expect(form.html.contains(#"<option value="6Г">"#), "the class filter offers the classes")

            let classG = try await browser.get("/events/\(event.rawValue)/register?class=6%D0%93")
            let listed = classG.html.components(separatedBy: #"name="member" value=""#).count - 1
            #expect(listed == 35, "6Г only")
            #expect(!classG.html.contains(#"id="people-choose""#))

            let named = try await browser.get("/events/\(event.rawValue)/register?q=%D0%A3%D1%87%D0%B5%D0%BD%D0%B8%D0%BA69")
            #expect(named.html.contains(#"id="member-\#(last.rawValue)""#))
            #expect(named.html.components(separatedBy: #"name="member" value=""#).count - 1 == 1)
        }
    }
}
