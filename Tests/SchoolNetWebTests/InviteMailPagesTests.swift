import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService
import SchoolNetStore
import SchoolNetWeb
import Testing

/// With mail configured (issue 15), the invitation page says where the link was mailed and never shows it; the
/// outbox holds the one row that mails it.
@Suite struct InviteMailPagesTests {
    let f: WebFixture

    init() throws {
        f = try WebFixture.shared("web_invite_mail")
    }

    /// The fixture's application with `mailsLinks` on, as serve wires it when SCHOOLNET_SMTP_HOST is set.
    var mailingApp: some ApplicationProtocol {
        var policy = AccountPolicy()
        policy.bcryptCost = 4
        let services = WebServices(
            api: APIServices(pool: f.pool, time: f.time), accounts: AccountService(pool: f.pool, time: f.time, policy: policy, mailsLinks: true))
        return buildWebApplication(
            HTTPConfig(port: 0), dependencies: .live(pool: f.pool, time: f.time), web: WebRoutes(services: services),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func theInvitationPageSaysTheLinkWasMailedAndDoesNotShowIt() async throws {
        try await mailingApp.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "mailer@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            #expect(try await browser.get("/school/invite").status == 200)
            let done = try await browser.post("/school/invite", [("email", "Mailed@School50.example"), ("name", "Почтова Анна")])
            #expect(done.status == 200 && done.html.contains("Приглашение создано"))
            #expect(done.html.contains("Ссылка-приглашение отправлена письмом на адрес <strong>mailed@school50.example</strong>"))
            #expect(!done.html.contains("/account/invitation/") && !done.html.contains(#"id="invitation-link""#))
            #expect(
                try f.count("SELECT count(*) FROM outbox WHERE kind = 'account_invitation' AND recipient_email = 'mailed@school50.example'") == 1)
        }
    }
}
