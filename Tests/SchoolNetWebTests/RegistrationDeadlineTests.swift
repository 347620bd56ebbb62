import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// What time does to the coordinator's pages: an ended session, and the registration deadline (each test has a
/// fixture of its own, as it moves the clock).
@Suite struct RegistrationDeadlineTests {
    @Test func afterTheDeadlineTheButtonsAreGoneAndAPostIsRefusedWithTheServicesWords() async throws {
        let f = try WebFixture.shared("web_reg_deadline")
        let people = try f.schoolPeople()
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "late@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(f.teamEvent.rawValue)/register")
            let sent = try await browser.post(
                "/events/\(f.teamEvent.rawValue)/register",
                [("team_name", "Успели"), ("responsible_name", "Фёдорова Ольга"), ("responsible_email", "olga@school50.example")]
                    + people.sixA[0..<2].map { ("member", String($0.rawValue)) })
            let path = try #require(sent.location)
            let open = try await browser.follow(sent)
            #expect(open.html.contains(#"id="withdraw-form""#))

            // 1 November is the last day (Asia/Tomsk); 2 November the door is shut. Sign in again on the new day.
            f.time.advance(by: 23 * 24 * 3600)
            _ = try await f.signedIn(browser, "late2@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let closed = try await browser.get(path)
            #expect(closed.status == 200)
            #expect(!closed.html.contains(#"id="withdraw-form""#) && !closed.html.contains(#"id="edit""#))
            #expect(closed.html.contains(#"id="changes-closed""#))

            let withdraw = try await browser.post(path + "/withdraw", [])
            #expect(withdraw.status == 409)
            #expect(
                withdraw.html.contains(#"role="alert" id="form-errors""#)
                    && withdraw.html.contains("Отозвать заявку уже нельзя: приём заявок закончился 1 ноября 2025 г."))
            let editForm = try await browser.get(path + "/edit")
            #expect(editForm.html.contains(#"id="registration-closed""#) && editForm.html.contains("Изменить заявку уже нельзя"))
            #expect(!editForm.html.contains(#"id="registration-form""#))
            try await browser.get(path)
            let edit = try await browser.post(
                path + "/edit",
                [("team_name", "Поздно"), ("responsible_name", "Фёдорова Ольга"), ("responsible_email", "olga@school50.example")]
                    + people.sixA[0..<2].map { ("member", String($0.rawValue)) })
            #expect(edit.status == 422 && edit.html.contains("Изменить заявку уже нельзя"))
            #expect(try f.count("SELECT count(*) FROM application WHERE team_name = 'Успели' AND status = 'submitted'") == 1)

            let register = try await browser.get("/events/\(f.teamEvent.rawValue)/register")
            #expect(register.html.contains(#"id="registration-closed""#) && register.html.contains("Приём заявок закончился"))
        }
    }

    @Test func anExpiredSessionCannotPostAndIsSentToSignIn() async throws {
        let f = try WebFixture.shared("web_reg_expiry")
        let people = try f.schoolPeople()
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "sleepy@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(f.teamEvent.rawValue)/register")
            f.time.advance(by: 3 * 3600)  // past the idle limit, with the form still open
            let post = try await browser.post(
                "/events/\(f.teamEvent.rawValue)/register",
                [("team_name", "Проспали"), ("responsible_name", "Фёдорова Ольга"), ("responsible_email", "olga@school50.example")]
                    + people.sixA[0..<2].map { ("member", String($0.rawValue)) })
            #expect(post.status == 403 && post.html.contains("Форма устарела"))
            #expect(try f.applications(of: f.teamEvent) == 0)
            let page = try await browser.get("/school")
            #expect(page.status == 303 && page.location == "/login?next=/school&expired=1")
        }
    }
}
