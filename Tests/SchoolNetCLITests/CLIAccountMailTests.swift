import Foundation
import PQ
import Testing

/// `schoolnet accounts invite|reset` with mail configured (issue 15): the link is queued for the account's address
/// and never printed; stderr names the address.
@Suite struct CLIAccountMailTests {
    @Test func withMailConfiguredTheLinksAreMailedNotPrinted() throws {
        let f = try CLITokenFixture("cli_account_mail")
        let mail = ["USER": CLITokenFixture.user, "SCHOOLNET_SMTP_HOST": "127.0.0.1", "SCHOOLNET_SMTP_SECURITY": "none"]
        let invited = try CLIProcess.run(
            ["accounts", "invite", "--org", String(f.schoolA), "--role", "coordinator", "--email", "Pochta@Example.org", "--name", "Почтова А. А."],
            databaseURL: f.url, extraEnvironment: mail)
        #expect(invited.status == 0, "\(invited.stderr)")
        #expect(invited.stdout.isEmpty && !invited.stderr.contains("snl_"))
        #expect(invited.stderr.contains("sent by mail to pochta@example.org"))
        #expect(try f.one("SELECT count(*) FROM outbox WHERE kind = 'account_invitation' AND recipient_email = 'pochta@example.org'", as: Int64.self) == 1)

        let reset = try CLIProcess.run(["accounts", "reset", "--email", "pochta@example.org"], databaseURL: f.url, extraEnvironment: mail)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.isEmpty && !reset.stderr.contains("snl_") && reset.stderr.contains("sent by mail to pochta@example.org"))
        #expect(try f.one("SELECT count(*) FROM outbox WHERE kind = 'password_reset'", as: Int64.self) == 1)
    }
}
