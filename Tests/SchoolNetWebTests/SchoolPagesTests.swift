import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import SchoolNetService
import Testing

/// The coordinator's school page over HTTP: the school's applications with their statuses (a rejection with its
/// reason), and its own pupils by class and teachers, searchable on the server.
@Suite struct SchoolPagesTests {
    let f: WebFixture
    let people: SchoolPeople

    init() throws {
        f = try WebFixture.shared("web_school")
        people = try f.schoolPeople()
    }

    @Test func theSchoolPageShowsItsApplicationsAndARejectionsReason() async throws {
        let event = try f.newTeamEvent("Школа: заявки")
        let registration = RegistrationService(pool: f.pool, time: f.time)
        let school = Caller(organisationID: f.schoolA, role: .school, displayName: "СОШ №50")
        func apply(_ team: String, _ members: [PersonID]) async throws -> SchoolNetDomain.Application {
            let named = try await registration.pickedMembers(members, of: f.schoolA, by: school)
            return try await registration.register(
                RegistrationRequest(
                    eventID: event, organisationID: f.schoolA,
                    change: ApplicationChange(
                        teamName: team, responsible: ResponsibleTeacher(name: "Фёдорова Ольга", phone: "+7 3822 000000"), members: named)),
                by: school
            ).application
        }
        let kept = try await apply("Принятые", Array(people.sixA[0..<2]))
        let refused = try await apply("Отклонённые", Array(people.sixA[2..<4]))
        let organiser = Caller(organisationID: f.organiser, role: .organiser, displayName: "Гимназия №13")
        _ = try await registration.review(kept.id, decision: .accept, by: organiser)
        _ = try await registration.review(refused.id, decision: .reject(reason: "Команда не из шестых классов"), by: organiser)

        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "school-page@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let page = try await browser.get("/school")
            #expect(page.status == 200)
            #expect(page.html.contains("<h1>СОШ №50</h1>") && page.html.contains("2025-2026"))
            let keptRow = try #require(page.tableRow(#"data-application-id="\#(kept.id.rawValue)""#))
            #expect(keptRow.contains(#"<a href="/applications/\#(kept.id.rawValue)">Принятые</a>"#) && keptRow.contains("Школа: заявки"))
            #expect(keptRow.contains(#"class="status" data-status="accepted""#) && keptRow.contains(">Принята<"))
            let refusedRow = try #require(page.tableRow(#"data-application-id="\#(refused.id.rawValue)""#))
            #expect(refusedRow.contains(">Отклонена<") && refusedRow.contains("Причина: Команда не из шестых классов"))

            // The people: the school's own, by class, teachers last; never another school's, never a birth date.
            #expect(page.html.contains(#"<table id="people""#) && page.html.contains(#"id="people-filter""#))
            #expect(page.html.contains(#"<tr data-search="Алексеев Артём Игоревич 6А" data-class="6А">"#))
            #expect(page.html.contains("Сидорова Татьяна Викторовна") && page.html.contains("педагог"))
            #expect(!page.html.contains("Тихонов") && !page.html.contains("2013-03-02"))
            let order = ["Петров Роман", "Алексеев Артём", "Морозов Никита", "Сидорова Татьяна"].map { page.html.range(of: $0)!.lowerBound }
            #expect(order == order.sorted(), "5А, 6А, 6Б, then the teachers")
            #expect(page.html.contains("Показано: 12 из 12"))

            let sixB = try await browser.get("/school?class=6%D0%91")
            #expect(sixB.html.contains("Морозов Никита") && sixB.html.contains("Орлова Полина") && !sixB.html.contains("Алексеев Артём"))
            #expect(sixB.html.contains("Показано: 2 из 12") && !sixB.html.contains("data-complete"))
            let search = try await browser.get("/school?q=%D0%BC%D0%BE%D1%80%D0%BE%D0%B7%D0%BE%D0%B2")  // «морозов»
            #expect(search.html.contains("Морозов Никита") && !search.html.contains("Орлова Полина"))
            let staff = try await browser.get("/school?class=staff")
            #expect(staff.html.contains("Сидорова Татьяна") && !staff.html.contains("Морозов Никита"))
        }
    }

    @Test func anotherSchoolsCoordinatorSeesOnlyTheirOwn() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "school-b@school60.example", of: f.schoolB, name: "Петров Пётр")
            let page = try await browser.get("/school")
            #expect(page.html.contains("<h1>СОШ №60</h1>") && page.html.contains("Тихонов Ульян"))
            #expect(!page.html.contains("Алексеев") && !page.html.contains("Отклонённые") && !page.html.contains("Принятые"))
            #expect(page.html.contains(#"id="no-applications""#) || !page.html.contains("data-application-id"))
        }
    }

    @Test func theRosterReadIsRefusedToOtherSchoolsAndOrganisers() async throws {
        let registration = RegistrationService(pool: f.pool, time: f.time)
        let schoolB = Caller(organisationID: f.schoolB, role: .school, displayName: "СОШ №60")
        await #expect(throws: RegistrationError.self) { try await registration.roster(of: f.schoolA, in: WebFixture.schoolYear, by: schoolB) }
        await #expect(throws: RegistrationError.self) { try await registration.pickedMembers([people.sixA[0]], of: f.schoolA, by: schoolB) }
        let organiser = Caller(organisationID: f.organiser, role: .organiser, displayName: "Гимназия №13")
        await #expect(throws: RegistrationError.self) { try await registration.roster(of: f.schoolA, in: WebFixture.schoolYear, by: organiser) }
        let own = try await registration.roster(of: f.schoolB, in: WebFixture.schoolYear, by: schoolB)
        #expect(own.people.map(\.id) == [people.schoolBPupil])
    }
}

extension WebClient.Page {
    /// The `<tr>` that carries `marker`, up to its end.
    func tableRow(_ marker: String) -> String? {
        guard let start = html.range(of: marker) else { return nil }
        let rest = html[start.lowerBound...]
        return rest.range(of: "</tr>").map { String(rest[..<$0.upperBound]) }
    }
}
