import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetStore
import Testing

/// Signing in and out through the pages, over HTTP, against a real database: invitations, passwords, form tokens,
/// cookies, expiry, and the language.
@Suite struct AuthPagesTests {
    let f: WebFixture

    init() throws {
        f = try WebFixture.shared("web_auth")
    }

    @Test func anInvitationSetsThePasswordSignsInAndThenNoLongerWorks() async throws {
        let link = try await f.invite("olga@school50.example", .coordinator, of: f.schoolA, name: "Фёдорова Ольга Ивановна")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            let form = try await browser.get(link)
            #expect(form.status == 200)
            #expect(form.html.contains("Приглашение в SchoolNet") && form.html.contains(#"autocomplete="new-password""#))

            let mismatch = try await browser.post(link, [("password", WebFixture.password), ("password_repeat", "другой-пароль-1")])
            #expect(mismatch.status == 422)
            #expect(mismatch.html.contains("Пароли не совпадают") && mismatch.html.contains(#"id="repeat-error""#))

            let weak = try await browser.post(link, [("password", "короткий"), ("password_repeat", "короткий")])
            #expect(weak.status == 422)
            #expect(weak.html.contains(#"id="password-error""#) && weak.html.contains("не короче 10"))

            let done = try await browser.post(link, [("password", WebFixture.password), ("password_repeat", WebFixture.password)])
            #expect(done.status == 303 && done.location == "/account")
            let cookie = try #require(done.headers[values: .setCookie].first { $0.hasPrefix("sn_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let account = try await browser.follow(done)
            #expect(account.status == 200 && account.html.contains("Фёдорова Ольга Ивановна") && account.html.contains("СОШ №50"))

            // The link worked once.
            let again = try await WebClient(client).get(link)
            #expect(again.status == 410 && again.html.contains("Ссылка больше не действует"))
        }
    }

    @Test func signingInWithTheWrongPasswordSaysSoAndTheRightOneOpensTheAccountPage() async throws {
        try await f.account("petr@school60.example", .coordinator, of: f.schoolB, name: "Петров Пётр")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            try await browser.get("/login")
            let wrong = try await browser.post("/login", [("email", "petr@school60.example"), ("password", "неверный-пароль-1"), ("next", "/account")])
            #expect(wrong.status == 401 && wrong.html.contains("Неверный адрес почты или пароль"))
            #expect(wrong.html.contains(#"value="petr@school60.example""#), "the e-mail stays in the form")
            let right = try await browser.post(
                "/login", [("email", "Petr@School60.example"), ("password", WebFixture.password), ("next", "/account")])
            #expect(right.status == 303 && right.location == "/account")
            let page = try await browser.follow(right)
            #expect(page.html.contains("Петров Пётр") && page.html.contains("координатор школы"))

            // Sign out: the same cookie no longer opens the page.
            let out = try await browser.post("/logout", [])
            #expect(out.status == 303)
            let after = try await browser.get("/account")
            #expect(after.status == 303 && after.location == "/login?next=/account")
        }
    }

    @Test func aPostWithoutTheFormTokenIsRefusedAndChangesNothing() async throws {
        try await f.account("anna@school50.example", .coordinator, of: f.schoolA, name: "Анна Смирнова")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            try await browser.get("/login")
            // A forged login (another site posting our form): no token, or one that is not the cookie's.
            let none = try await browser.post("/login", [("email", "anna@school50.example"), ("password", WebFixture.password)], csrf: "")
            #expect(none.status == 403 && none.html.contains("Форма устарела"))
            let forged = try await browser.post(
                "/login", [("email", "anna@school50.example"), ("password", WebFixture.password)], csrf: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(forged.status == 403 && browser.cookies["sn_session"] == nil)

            try await browser.get("/login")
            let signedIn = try await browser.post("/login", [("email", "anna@school50.example"), ("password", WebFixture.password)])
            #expect(signedIn.status == 303)
            // Signed in, a post must carry the session's token: a visitor's token no longer does.
            let sessions = try openSessions("anna@school50.example")
            let everywhere = try await browser.post("/account/logout-everywhere", [], csrf: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(everywhere.status == 403)
            #expect(try openSessions("anna@school50.example") == sessions)
            try await browser.get("/account")
            let done = try await browser.post("/account/logout-everywhere", [])
            #expect(done.status == 303)
            #expect(try openSessions("anna@school50.example") == 0)
        }
    }

    private func openSessions(_ email: String) throws -> Int64 {
        try f.count(
            "SELECT count(*) FROM account_session s JOIN account a ON a.id = s.account_id WHERE a.email = $1 AND s.revoked_at IS NULL", [email])
    }

    @Test func anExpiredSessionSendsThePersonToSignInAgainWithANote() async throws {
        // A fixture of its own: this test moves the clock, which would end the other tests' sessions.
        let f = try WebFixture.shared("web_auth_expiry")
        try await f.account("ivan@school50.example", .coordinator, of: f.schoolA, name: "Иван Кузнецов")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            try await browser.get("/login")
            #expect(try await browser.post("/login", [("email", "ivan@school50.example"), ("password", WebFixture.password)]).status == 303)
            #expect(try await browser.get("/account").status == 200)
            f.time.advance(by: 3 * 3600)  // past the 2-hour idle limit
            let page = try await browser.get("/account")
            #expect(page.status == 303 && page.location == "/login?next=/account&expired=1")
            #expect(browser.cookies["sn_session"] == nil, "the dead cookie is cleared")
            let login = try await browser.follow(page)
            #expect(login.html.contains("Сессия истекла") && login.html.contains(#"name="next" value="/account""#))
        }
    }

    @Test func pagesSpeakEnglishWhenTheBrowserOrThePersonAsks() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            #expect(try await browser.get("/login").html.contains("<h1>Вход</h1>"))
            #expect(try await browser.get("/login", headers: [.acceptLanguage: "en-GB,en;q=0.9,ru;q=0.5"]).html.contains("<h1>Sign in</h1>"))
            let switched = try await browser.get("/language?to=en&back=/login")
            #expect(switched.status == 303 && switched.location == "/login")
            #expect(try await browser.follow(switched).html.contains(#"<html lang="en">"#))
            // The switch never sends anyone off the site.
            #expect(try await browser.get("/language?to=ru&back=//evil.example/").location == "/")
        }
    }

    @Test func aNotFoundPageStillKnowsWhoIsSignedInAndItsFormsWork() async throws {
        try await f.account("nina@school50.example", .coordinator, of: f.schoolA, name: "Нина Орлова")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            try await browser.get("/login")
            #expect(try await browser.post("/login", [("email", "nina@school50.example"), ("password", WebFixture.password)]).status == 303)
            let missing = try await browser.get("/applications/999999")
            #expect(missing.status == 404)
            #expect(missing.html.contains("/account") && !missing.html.contains(#"href="/login""#), "the signed-in navigation, not a visitor's")
            // Its sign-out form carries the session's token: posting it from the 404 page works.
            #expect(WebClient.formToken(in: missing.html)?.isEmpty == false)
            let out = try await browser.post("/logout", [])
            #expect(out.status == 303 && browser.cookies["sn_session"] == nil)
        }
    }

    @Test func anUnknownPageIsTheSitesOwn404PageAndAnUnknownAPIPathStaysProblemJSON() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            for path in ["/no-such-page", "/events/1/no-such-page", "/static-nothing/a/b?x=1"] {
                let page = try await browser.get(path)
                #expect(page.status == 404, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.html.contains(#"<html lang="ru">"#) && page.html.contains(#"data-status="404""#), "\(path)")
                #expect(page.html.contains(#"<a class="brand" href="/">SchoolNet</a>"#), "the site's layout")
            }
            let english = try await WebClient(client).get("/no-such-page", headers: [.acceptLanguage: "en"])
            #expect(english.status == 404 && english.html.contains(#"<html lang="en">"#) && english.html.contains("There is no such page"))

            for path in ["/v1/no-such-thing", "/v1/events/1/no-such-thing"] {
                let api = try await browser.get(path)
                #expect(api.status == 404, "\(path)")
                #expect(api.headers[.contentType] == "application/problem+json", "\(path)")
            }
            // Real routes are still theirs.
            #expect(try await browser.get("/static/site.css").status == 200)
            #expect(try await browser.get("/").status == 200)
            #expect(try await browser.get("/healthz").status == 200)
        }
    }

    @Test func aLinksSecretNeverReachesTheRequestLog() {
        #expect(RequestLogPath.loggable("/account/invitation/snl_secret") == "/account/invitation/…")
        #expect(RequestLogPath.loggable("/account/reset/snl_secret") == "/account/reset/…")
        #expect(RequestLogPath.loggable("/school") == "/school")
    }
}
