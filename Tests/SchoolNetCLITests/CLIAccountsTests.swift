import Foundation
import PQ
import Testing

/// `schoolnet accounts invite|list|revoke`: the link printed once, only its hash stored, and who may invite whom.
@Suite struct CLIAccountsTests {
    @Test func theCentreInvitesAnyoneASchoolOnlyItsOwnCoordinators() throws {
        let f = try CLITokenFixture("cli_accounts")
        let invited = try CLIProcess.run(
            ["accounts", "invite", "--org", String(f.schoolA), "--role", "coordinator", "--email", "Ivanova@Example.org", "--name", "Иванова М. П."],
            databaseURL: f.url, extraEnvironment: ["USER": CLITokenFixture.user, "SCHOOLNET_PUBLIC_URL": "https://schoolnet.example.org/"])
        #expect(invited.status == 0, "\(invited.stderr)")
        let link = invited.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = "https://schoolnet.example.org/account/invitation/"
        #expect(link.hasPrefix(prefix))
        let secret = String(link.dropFirst(prefix.count))
        #expect(secret.hasPrefix("snl_"))
        #expect(!invited.stderr.contains(secret))
        #expect(invited.stderr.contains("ivanova@example.org"))
        #expect(
            try f.one(
                "SELECT count(*) FROM account_link WHERE secret_hash = sha256(convert_to($1, 'UTF8')) AND used_at IS NULL",
                [secret], as: Int64.self) == 1)
        #expect(
            try f.one("SELECT actor FROM audit_log WHERE entity = 'account' AND action = 'insert'", as: String.self)
                == "cli:\(CLITokenFixture.user)")

        // A school's token: not into another school, not as an organiser; its own coordinators, yes.
        let other = try f.run(
            "accounts", "invite", "--org", String(f.schoolB), "--role", "coordinator", "--email", "petrov@example.org",
            token: f.tokens.schoolA)
        #expect(other.status == 1)
        #expect(other.stderr.contains("refused: forbidden"))
        #expect(other.stdout.isEmpty)
        let organiser = try f.run(
            "accounts", "invite", "--org", String(f.schoolA), "--role", "organiser", "--email", "petrov@example.org",
            token: f.tokens.schoolA)
        #expect(organiser.status == 1)
        #expect(try f.one("SELECT count(*) FROM account WHERE email = 'petrov@example.org'", as: Int64.self) == 0)
        let own = try f.run(
            "accounts", "invite", "--org", String(f.schoolA), "--role", "coordinator", "--email", "sidorova@example.org",
            token: f.tokens.schoolA)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("/account/invitation/snl_"))

        // The school lists its own accounts; the list shows no secret.
        let listed = try f.run("accounts", "list", "--format", "json", token: f.tokens.schoolA)
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["email"] as? String }) == ["ivanova@example.org", "sidorova@example.org"])
        #expect(!listed.stdout.contains("snl_"))
        #expect(try f.run("accounts", "list", "--org", String(f.schoolB), token: f.tokens.schoolA).status == 1)

        // The centre hands out a reset link; a school's token may not.
        let reset = try f.run("accounts", "reset", "--email", "sidorova@example.org")
        #expect(reset.status == 0, "\(reset.stderr)")
        let resetSecret = try #require(reset.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "/account/reset/").last)
        #expect(
            try f.one(
                """
                SELECT count(*) FROM account_link WHERE secret_hash = sha256(convert_to($1, 'UTF8')) AND purpose = 'password_reset'
                """, [resetSecret], as: Int64.self) == 1)
        #expect(try f.run("accounts", "reset", "--email", "sidorova@example.org", token: f.tokens.schoolA).status == 1)
        #expect(try f.run("accounts", "reset", "--email", "nobody@example.org").status == 1)

        // The centre disables an account.
        let id = try f.one("SELECT id FROM account WHERE email = 'ivanova@example.org'", as: Int64.self)
        let revoked = try f.run("accounts", "revoke", String(id))
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains("account \(id) disabled"))
        #expect(try f.one("SELECT disabled_at IS NOT NULL FROM account WHERE id = $1", [id], as: Bool.self))
        #expect(try f.one("SELECT count(*) FROM account_link WHERE account_id = $1 AND cancelled_at IS NULL", [id], as: Int64.self) == 0)
    }

    @Test func inviteNeedsAnOrganisationExceptForTheRegionalAdmin() throws {
        let outcome = try CLIProcess.run(["accounts", "invite", "--role", "coordinator", "--email", "a@example.org"], databaseURL: nil)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--org is required"))
    }
}
