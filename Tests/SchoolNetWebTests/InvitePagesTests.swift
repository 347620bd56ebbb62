import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// Inviting colleagues through the pages: a coordinator into their own school, the regional centre anywhere; the
/// single-use link shown once on the answer, and it works.
@Suite struct InvitePagesTests {
    let f: WebFixture

    init() throws {
        f = try WebFixture.shared("web_invite")
    }

    @Test func aCoordinatorInvitesAColleagueOfTheSameSchoolAndTheLinkWorksOnce() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "inviter@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let form = try await browser.get("/school/invite")
            #expect(form.status == 200 && form.html.contains(#"id="invite-form""#) && form.html.contains("<strong>СОШ №50</strong>"))
            #expect(!form.html.contains(#"name="organisation""#) && !form.html.contains(#"name="role""#))

            let bad = try await browser.post("/school/invite", [("email", "не почта"), ("name", "Кузнецова Анна")])
            #expect(bad.status == 422 && bad.html.contains(#"<p class="error" id="email-error">«не почта» не похож на адрес электронной почты</p>"#))
            #expect(bad.value(of: "name") == "Кузнецова Анна")

            // A forged organisation or role in the form changes nothing: the school invites coordinators of itself.
            let done = try await browser.post(
                "/school/invite",
                [("email", "anna@school50.example"), ("name", "Кузнецова Анна"), ("organisation", String(f.schoolB.rawValue)), ("role", "regional_admin")])
            #expect(done.status == 200 && done.html.contains("Приглашение создано"))
            let link = try #require(Self.link(in: done.html))
            #expect(link.hasPrefix("http://localhost/account/invitation/snl_") || link.hasPrefix("http://localhost:"), "an address to open")
            #expect(
                try f.count(
                    """
                    SELECT count(*) FROM account_membership m JOIN account a ON a.id = m.account_id
                    WHERE a.email = 'anna@school50.example' AND m.organisation_id = $1 AND m.role = 'coordinator'
                    """, [f.schoolA]) == 1)
            #expect(try f.count("SELECT count(*) FROM account_membership m JOIN account a ON a.id = m.account_id WHERE a.email = 'anna@school50.example'") == 1)

            let path = String(link[try #require(link.range(of: "/account/invitation/")).lowerBound...])
            let invited = WebClient(client)
            #expect(try await invited.get(path).status == 200)
            #expect(try await invited.post(path, [("password", WebFixture.password), ("password_repeat", WebFixture.password)]).status == 303)
            #expect(try await WebClient(client).get(path).status == 410)
        }
    }

    @Test func theRegionalCentreInvitesIntoAnyOrganisationWithAnyRole() async throws {
        try await f.app.test(.live) { client in
            let admin = WebClient(client)
            _ = try await f.signedIn(admin, "admin@rcro.example", .regionalAdmin, of: nil, name: "Региональный центр")
            let form = try await admin.get("/admin/invite")
            #expect(form.status == 200)
            #expect(form.html.contains(#"<option value="\#(f.organiser.rawValue)">Гимназия №13</option>"#))
            #expect(form.html.contains(#"<option value="organiser">организатор</option>"#))
            #expect(form.html.contains(#"<a href="/admin/invite">Приглашения</a>"#))

            let wrong = try await admin.post(
                "/admin/invite", [("email", "boss@rcro.example"), ("organisation", String(f.schoolA.rawValue)), ("role", "regional_admin")])
            #expect(wrong.status == 422 && wrong.html.contains(#"id="organisation-error""#))
            #expect(wrong.html.contains(#"<option value="\#(f.schoolA.rawValue)" selected>"#), "the choice is kept")

            let done = try await admin.post(
                "/admin/invite",
                [("email", "jury@gym13.example"), ("name", "Смирнов Олег"), ("organisation", String(f.organiser.rawValue)), ("role", "organiser")])
            #expect(done.status == 200 && Self.link(in: done.html) != nil && done.html.contains("организатор"))
            #expect(
                try f.count(
                    """
                    SELECT count(*) FROM account_membership m JOIN account a ON a.id = m.account_id
                    WHERE a.email = 'jury@gym13.example' AND m.organisation_id = $1 AND m.role = 'organiser'
                    """, [f.organiser]) == 1)
        }
    }

    @Test func theAdminsPageIsTheAdminsAndTheSchoolsTheCoordinators() async throws {
        try await f.app.test(.live) { client in
            let coordinator = WebClient(client)
            _ = try await f.signedIn(coordinator, "not-admin@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            #expect(try await coordinator.get("/admin/invite").status == 403)
            try await coordinator.get("/school")
            #expect(try await coordinator.post("/admin/invite", [("email", "x@y.example"), ("role", "regional_admin")]).status == 403)
            #expect(try f.count("SELECT count(*) FROM account WHERE email = 'x@y.example'") == 0)

            let organiser = WebClient(client)
            _ = try await f.signedIn(organiser, "org@gym13.example", .organiser, of: f.organiser, name: "Иванова Ирина")
            #expect(try await organiser.get("/school/invite").status == 403)
            #expect(try await WebClient(client).get("/school/invite").location == "/login?next=/school/invite")
        }
    }

    /// The invitation link on the answer page.
    static func link(in html: String) -> String? {
        guard let range = html.range(of: #"id="invitation-link" type="text" readonly value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
