import Foundation
import PQ
import Testing

/// The CLI acting as a token's holder (SCHOOLNET_TOKEN or --token), with the services' permission checks,
/// and as the regional admin without a token.
@Suite struct CLITokenTests {
    @Test func aSchoolTokenRegistersForItsOwnSchoolSignedWithTheToken() throws {
        let f = try CLITokenFixture("cli_token_register")
        let application = try f.register(school: f.schoolA, lastName: "Иванова", token: f.tokens.schoolA)
        let tokenID = try f.tokenID(f.tokens.schoolA)

        #expect(try f.one("SELECT organisation_id FROM application WHERE id = $1", [application], as: Int64.self) == f.schoolA)
        #expect(try f.one("SELECT submitted_by_token_id FROM application WHERE id = $1", [application], as: Int64?.self) == tokenID)
        #expect(try f.one("SELECT submitted_by FROM application WHERE id = $1", [application], as: String.self) == "СОШ №50")
        let audited = try f.one(
            """
            SELECT count(*) FROM audit_log
            WHERE entity = 'application' AND entity_id = $1 AND action = 'insert' AND token_id = $2 AND actor = 'СОШ №50'
            """, [application, tokenID], as: Int64.self)
        #expect(audited == 1)

        // ... and for no other school: the service's own refusal, nothing written.
        let forOthers = try f.run("applications", "register", try f.registration(school: f.schoolB, lastName: "Петрова"), token: f.tokens.schoolA)
        #expect(forOthers.status == 1)
        #expect(forOthers.stderr.contains("refused: forbidden"))
        #expect(try f.one("SELECT count(*) FROM application WHERE organisation_id = $1", [f.schoolB], as: Int64.self) == 0)
    }

    @Test func aSchoolTokenCannotWithdrawAnotherSchoolsApplication() throws {
        let f = try CLITokenFixture("cli_token_withdraw")
        let theirs = try f.register(school: f.schoolB, lastName: "Петрова", token: f.tokens.schoolB)

        let refused = try f.run("applications", "withdraw", String(theirs), "--reason", "не наша", token: f.tokens.schoolA)
        #expect(refused.status == 1)
        // As over HTTP, another school's application is not even said to exist.
        #expect(refused.stderr.contains("refused: not_found"))
        #expect(refused.stdout.isEmpty)
        #expect(try f.one("SELECT status::text FROM application WHERE id = $1", [theirs], as: String.self) == "submitted")
        #expect(
            try f.one(
                "SELECT count(*) FROM audit_log WHERE entity = 'application' AND entity_id = $1 AND action = 'update'",
                [theirs], as: Int64.self) == 0)

        let own = try f.run("applications", "withdraw", String(theirs), token: f.tokens.schoolB)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try f.one("SELECT status::text FROM application WHERE id = $1", [theirs], as: String.self) == "withdrawn")
    }

    @Test func anOrganiserTokenOfAnotherOrganisationCannotCloseTheEvent() throws {
        let f = try CLITokenFixture("cli_token_close")
        let refused = try f.run("events", "close", String(f.event), token: f.tokens.otherOrganiser)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused: forbidden"))
        #expect(try f.one("SELECT closed_early_at IS NULL FROM event WHERE id = $1", [f.event], as: Bool.self))

        // Nor may a school, nor does publishing or exporting work for the other organiser.
        #expect(try f.run("events", "close", String(f.event), token: f.tokens.schoolA).status == 1)
        #expect(try f.run("results", "publish", "--event", String(f.event), token: f.tokens.otherOrganiser).status == 1)
        #expect(try f.run("export", "participants", "--event", String(f.event), token: f.tokens.otherOrganiser).status == 1)
        #expect(try f.one("SELECT closed_early_at IS NULL FROM event WHERE id = $1", [f.event], as: Bool.self))

        let own = try f.run("events", "close", String(f.event), token: f.tokens.organiser)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try f.one("SELECT closed_early_at IS NOT NULL FROM event WHERE id = $1", [f.event], as: Bool.self))
        let audited = try f.one(
            "SELECT count(*) FROM audit_log WHERE entity = 'event' AND entity_id = $1 AND action = 'update' AND token_id = $2",
            [f.event, try f.tokenID(f.tokens.organiser)], as: Int64.self)
        #expect(audited == 1)
    }

    @Test func unknownRevokedAndExpiredTokensAreRefused() throws {
        let f = try CLITokenFixture("cli_token_invalid")
        let revokedID = try f.tokenID(f.tokens.schoolA)
        #expect(try f.run("token", "revoke", String(revokedID)).status == 0)
        let expiredID = try f.tokenID(f.tokens.schoolB)
        _ = try PQConnection(f.config).execute(
            "UPDATE api_token SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = $1", [expiredID])

        for raw in [f.tokens.schoolA, f.tokens.schoolB, "sn_" + String(repeating: "x", count: 43)] {
            let outcome = try f.run("applications", "register", try f.registration(school: f.schoolA, lastName: "Иванова"), token: raw)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("the token in SCHOOLNET_TOKEN is unknown, revoked or expired"))
            #expect(!outcome.stderr.contains(raw) && !outcome.stdout.contains(raw))
            let listed = try f.run("events", "list", "--token", raw)
            #expect(listed.status == 1)
            #expect(listed.stderr.contains("the token in --token is unknown, revoked or expired"))
        }
        #expect(try f.one("SELECT count(*) FROM application", as: Int64.self) == 0)
    }

    @Test func theEnvironmentVariableWorksAndTheOptionOverridesIt() throws {
        let f = try CLITokenFixture("cli_token_env")
        let a = try f.register(school: f.schoolA, lastName: "Иванова")
        let b = try f.register(school: f.schoolB, lastName: "Петрова")
        func listed(_ outcome: CLIProcess.Outcome) throws -> [Int64] {
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { ($0["id"] as? NSNumber)?.int64Value }
        }
        let list = ["applications", "list", "--event", String(f.event), "--format", "json"]
        func run(_ extra: [String], token: String?) throws -> CLIProcess.Outcome {
            var environment = ["USER": CLITokenFixture.user]
            if let token { environment["SCHOOLNET_TOKEN"] = token }
            return try CLIProcess.run(list + extra, databaseURL: f.url, extraEnvironment: environment)
        }

        #expect(try listed(run([], token: f.tokens.schoolA)) == [a])
        #expect(try listed(run(["--token", f.tokens.schoolB], token: f.tokens.schoolA)) == [b])
        // The option wins outright: the variable is not even looked up.
        #expect(try listed(run(["--token", f.tokens.schoolB], token: "sn_not-a-token")) == [b])
        #expect(try listed(run([], token: f.tokens.organiser)) == [a, b])
        #expect(try listed(run([], token: nil)) == [a, b])

        // Set but empty is a mistake, not "act as the regional admin".
        let empty = try run([], token: "")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("SCHOOLNET_TOKEN is empty"))
        #expect(try run(["--token", ""], token: nil).status == 2)
    }

    @Test func withoutATokenTheCLIIsTheRegionalAdmin() throws {
        let f = try CLITokenFixture("cli_token_none")
        let application = try f.register(school: f.schoolA, lastName: "Иванова")
        #expect(try f.one("SELECT submitted_by FROM application WHERE id = $1", [application], as: String.self) == "cli:tester")
        #expect(try f.one("SELECT submitted_by_token_id FROM application WHERE id = $1", [application], as: Int64?.self) == nil)
        #expect(
            try f.one(
                """
                SELECT count(*) FROM audit_log
                WHERE entity = 'application' AND entity_id = $1 AND action = 'insert' AND actor = 'cli:tester' AND token_id IS NULL
                """, [application], as: Int64.self) == 1)
        // The regional admin may act for any school and any organiser.
        #expect(try f.run("applications", "withdraw", String(application)).status == 0)
        #expect(try f.run("events", "close", String(f.event)).status == 0)

        let help = try CLIProcess.run(["--help"], databaseURL: nil)
        #expect(help.stdout.contains("SCHOOLNET_TOKEN"))
        #expect(help.stdout.contains("without a token, the regional admin"))
    }

    @Test func theRegionalCentresCommandsRefuseOtherTokens() throws {
        let f = try CLITokenFixture("cli_token_centre")
        let tokens = try f.one("SELECT count(*) FROM api_token", as: Int64.self)
        let issue = try f.run("token", "issue", "--role", "school", "--org", String(f.schoolA), token: f.tokens.schoolA)
        #expect(issue.status == 1)
        #expect(issue.stderr.contains("`schoolnet token issue` is the regional centre's"))
        #expect(issue.stdout.isEmpty)
        #expect(try f.one("SELECT count(*) FROM api_token", as: Int64.self) == tokens)

        #expect(try f.run("token", "revoke", String(try f.tokenID(f.tokens.schoolB)), token: f.tokens.organiser).status == 1)
        #expect(try f.one("SELECT count(*) FROM api_token WHERE revoked_at IS NOT NULL", as: Int64.self) == 0)
        #expect(try f.run("report", "annual", "--year", "2020-2021", token: f.tokens.organiser).status == 1)
        #expect(try f.run("organisations", "agreement", String(f.schoolA), "--since", "2030-09-01", token: f.tokens.schoolA).status == 1)
        let pupils = try CLIProcess.file("ФИО;Дата рождения;Класс\nСидорова Анна;01.05.2012;6А\n", "pupils.csv")
        #expect(try f.run("people", "import", "pupils", pupils, "--school", "СОШ №50", token: f.tokens.schoolA).status == 1)
        #expect(try f.one("SELECT count(*) FROM person", as: Int64.self) == 0)

        // An admin token is the regional centre, and signs what it does.
        let admin = try f.run("token", "issue", "--role", "school", "--org", String(f.schoolA), "--label", "новый", token: f.tokens.admin)
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(
            try f.one(
                "SELECT count(*) FROM audit_log WHERE entity = 'api_token' AND action = 'insert' AND token_id = $1",
                [try f.tokenID(f.tokens.admin)], as: Int64.self) == 1)

        // Reading the directory and the events takes any valid token.
        #expect(try f.run("organisations", "search", "СОШ 50", token: f.tokens.schoolA).status == 0)
        #expect(try f.run("events", "show", String(f.event), token: f.tokens.schoolA).status == 0)
    }

    @Test func rotatingATokenPrintsTheNewOneOnceAndRevokesTheOld() throws {
        let f = try CLITokenFixture("cli_token_rotate")
        let oldID = try f.tokenID(f.tokens.schoolA)
        let rotated = try f.run("token", "rotate", String(oldID))
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let new = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(new.hasPrefix("sn_") && new != f.tokens.schoolA)
        #expect(rotated.stderr.contains("in place of token \(oldID)") && rotated.stderr.contains("expires 20"), "\(rotated.stderr)")
        #expect(!rotated.stderr.contains(new))
        let newID = try f.tokenID(new)
        #expect(try f.one("SELECT organisation_id FROM api_token WHERE id = $1", [newID], as: Int64?.self) == f.schoolA)
        #expect(try f.one("SELECT role::text FROM api_token WHERE id = $1", [newID], as: String.self) == "school")
        #expect(try f.one("SELECT label FROM api_token WHERE id = $1", [newID], as: String.self) == "СОШ №50")

        #expect(try f.run("events", "list", token: f.tokens.schoolA).status == 1)
        #expect(try f.run("events", "list", token: new).status == 0)
        let again = try f.run("token", "rotate", String(oldID))
        #expect(again.status == 1)
        #expect(again.stderr.contains("invalid_transition"), "\(again.stderr)")
        // Only the regional centre rotates: not even a token's own holder.
        #expect(try f.run("token", "rotate", String(newID), token: new).status != 0)
        #expect(try f.one("SELECT count(*) FROM api_token WHERE revoked_at IS NULL AND id = $1", [newID], as: Int64.self) == 1)
    }

    @Test func anIssuedTokenSaysWhenItExpires() throws {
        let f = try CLITokenFixture("cli_token_expiry")
        let issued = try f.run("token", "issue", "--role", "organiser", "--org", String(f.schoolB), "--label", "сроки")
        #expect(issued.status == 0, "\(issued.stderr)")
        let id = try f.tokenID(issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let expires = try f.one(
            "SELECT to_char(expires_at AT TIME ZONE 'Asia/Tomsk', 'YYYY-MM-DD HH24:MI') FROM api_token WHERE id = $1", [id], as: String?.self)
        #expect(expires?.hasSuffix("-09-01 00:00") == true, "\(String(describing: expires))")
        #expect(issued.stderr.contains("expires 20"), "\(issued.stderr)")
    }
}
