import Foundation
import PQ
import Testing

/// `schoolnet notify run --once|parked|retry` as cron and the regional centre use them.
@Suite struct CLINotifyDeliveryTests {
    @Test func runOnceNeedsSMTPAndCountsWhatItDid() throws {
        let f = try CLITokenFixture("cli_notify_run")
        let unset = try CLIProcess.run(["notify", "run", "--once"], databaseURL: f.url, extraEnvironment: ["SCHOOLNET_SMTP_HOST": ""])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("SCHOOLNET_SMTP_HOST"))

        let application = try f.register(school: f.schoolA, lastName: "Почтова")
        #expect(try f.one("SELECT count(*) FROM outbox WHERE application_id = $1", [application], as: Int64.self) == 1)
        // nothing listens on port 1: the message waits for a retry, it is not lost and not parked
        let down = try CLIProcess.run(
            ["notify", "run", "--once"], databaseURL: f.url,
            extraEnvironment: ["SCHOOLNET_SMTP_HOST": "127.0.0.1", "SCHOOLNET_SMTP_PORT": "1", "SCHOOLNET_SMTP_SECURITY": "none"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout.contains("sent 0, retrying 1, parked 0"), "\(down.stdout)")
        #expect(try f.one("SELECT attempts FROM outbox WHERE application_id = $1", [application], as: Int32.self) == 1)
        #expect(try f.one("SELECT sending_at IS NULL AND parked_at IS NULL FROM outbox WHERE application_id = $1", [application], as: Bool.self))
    }

    @Test func theCentreListsAndRetriesParkedMailOthersAreRefused() throws {
        let f = try CLITokenFixture("cli_notify_parked")
        let application = try f.register(school: f.schoolA, lastName: "Отложенова")
        let id: Int64 = try f.one(
            "UPDATE outbox SET parked_at = now(), attempts = 8, last_error = '550 no such user' WHERE application_id = $1 RETURNING id",
            [application])
        let listed = try f.run("notify", "parked", "--format", "json")
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.compactMap { ($0["id"] as? NSNumber)?.int64Value } == [id])
        #expect(rows?.first?["last_error"] as? String == "550 no such user")
        #expect(!listed.stdout.contains("Отложенова"))

        let school = try f.run("notify", "parked", token: f.tokens.schoolA)
        #expect(school.status == 1)
        #expect(try f.run("notify", "retry", String(id), token: f.tokens.schoolA).status == 1)

        let retried = try f.run("notify", "retry", String(id))
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try f.one("SELECT parked_at IS NULL AND attempts = 0 FROM outbox WHERE id = $1", [id], as: Bool.self))
        let again = try f.run("notify", "retry", String(id))
        #expect(again.status == 1)
        #expect(again.stderr.contains("not_found"), "\(again.stderr)")
    }

    @Test func theCentreSetsAnAccountsMailLanguageAndSchoolMail() throws {
        let f = try CLITokenFixture("cli_notify_prefs")
        let invited = try f.run("accounts", "invite", "--org", String(f.schoolA), "--role", "coordinator", "--email", "zav@example.org")
        #expect(invited.status == 0, "\(invited.stderr)")
        let account: Int64 = try f.one("SELECT id FROM account WHERE email = 'zav@example.org'")
        #expect(try f.run("accounts", "mail", String(account), "--language", "de").status == 1)
        #expect(try f.run("accounts", "mail", String(account), "--language", "en", token: f.tokens.schoolA).status == 1)
        let set = try f.run("accounts", "mail", String(account), "--language", "en", "--school-applications", "on")
        #expect(set.status == 0, "\(set.stderr)")
        let application = try f.register(school: f.schoolA, lastName: "Англова")
        #expect(
            try f.one(
                "SELECT string_agg(recipient_email || ':' || language, ',' ORDER BY id) FROM outbox WHERE application_id = $1",
                [application], as: String.self) == "smirnova@example.org:ru,zav@example.org:en")
    }
}
