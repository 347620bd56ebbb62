import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// `schoolnet notify ...` (issue 15) through the built binary: a school follows an event, `schedule --once` writes
/// its reminder once however often it runs, preferences and webhook subscriptions are the regional centre's.
@Suite struct CLINotifyTests {
    @Test func followScheduleOncePreferencesAndWebhooks() throws {
        let config = try TestDatabase.migrated("cli_notify")
        // registration closes the day after tomorrow in Tomsk: "closes in 3 days" is due now, whatever the date
        try PQConnection(config).executeScript(
            """
            INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES (1, 'RU', 'Томская область');
            INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'г. Томск', 'city');
            INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE VALUES
                (13, 1, 'gymnasium', 'МАОУ', 'МАОУ гимназия №13 г. Томска', 'гимназия №13'),
                (50, 1, 'school', 'МАОУ', 'МАОУ СОШ №50 г. Томска', 'СОШ №50');
            INSERT INTO school_year (start_year)
                SELECT DISTINCT extract(year FROM d)::int - CASE WHEN extract(month FROM d) < 9 THEN 1 ELSE 0 END
                FROM (SELECT (now() AT TIME ZONE 'Asia/Tomsk')::date + 3 AS d) x;
            INSERT INTO event (id, school_year_id, organiser_id, title, kind, format, starts_on, ends_on, time_zone,
                               registration_opens_at, registration_closes_on, grade_min, grade_max)
                OVERRIDING SYSTEM VALUE
                SELECT 1, (SELECT id FROM school_year), 13, 'Олимпиада', 'contest', 'mixed', d + 1, d + 1, 'Asia/Tomsk',
                       now() - interval '10 days', d, 8, 11
                FROM (SELECT (now() AT TIME ZONE 'Asia/Tomsk')::date + 2 AS d) x;
            INSERT INTO account (id, email, display_name) OVERRIDING SYSTEM VALUE VALUES (50, 'coord@s50.example', 'Координатор');
            INSERT INTO account_membership (account_id, organisation_id, role, granted_by) VALUES (50, 50, 'coordinator', 'test');
            """)
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }

        #expect(try run("notify", "schedule").status == 2)  // --once is required
        let followed = try run("notify", "follow", "1", "--org", "СОШ №50")
        #expect(followed.status == 0, "\(followed.stderr)")
        let first = try run("notify", "schedule", "--once")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("reminders written: 1"), "\(first.stdout)")
        #expect(try run("notify", "schedule", "--once").stdout.contains("reminders written: 0"))

        let off = try run("notify", "preferences", "--account", "50", "--reminders", "off", "--format", "json")
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.stdout.contains("\"reminders\" : false") || off.stdout.contains("\"reminders\":false"), "\(off.stdout)")
        #expect(try run("notify", "preferences", "--account", "999", "--format", "json").status == 1)

        let hook = try run("notify", "webhooks", "add", "https://crm.example/hooks", "--types", "application.accepted,registration.closed")
        #expect(hook.status == 0, "\(hook.stderr)")
        #expect(hook.stdout.contains("whsec_"))
        #expect(try run("notify", "webhooks", "list").stdout.contains("whsec_") == false)
        #expect(try run("notify", "webhooks", "add", "https://crm.example/x", "--types", "event.tomorrow").status == 1)
    }
}
