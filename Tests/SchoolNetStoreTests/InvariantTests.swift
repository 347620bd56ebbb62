import Foundation
import PQ
import Testing
@testable import SchoolNetStore

/// One attempt to break an invariant with raw SQL, and the error the database must answer with.
struct Violation: Sendable, CustomTestStringConvertible {
    let invariant: String
    let sql: String
    let kind: PQError.Kind
    let constraint: String
    var testDescription: String { invariant }
}

/// The fixtures of sql/tests/constraints.sql (organisations 913/918/950..., events 901/902,
/// applications 901/902, persons 901..905), loaded once into a migrated database.
enum Fixtures {
    static func sql() throws -> String {
        let script = try SQLFiles.text("tests/constraints.sql")
        guard let start = script.range(of: "-- Fixtures, with fixed ids"),
            let end = script.range(of: "-- Organisations, agreements, membership")
        else {
            throw FixtureError.markersMissing
        }
        return String(script[start.lowerBound..<end.lowerBound])
    }

    static func connect() throws -> PQConnection {
        try PQConnection(try MigratedDatabase.shared("invariants", setup: try sql()))
    }
}

private struct Rollback: Error {}

enum FixtureError: Error { case markersMissing }

extension PQConnection {
    /// Runs `sql` in a transaction that never commits; returns the error it failed with, if any.
    func violation(_ sql: String) throws -> PQError? {
        do {
            try transaction { tx in
                try tx.executeScript(sql)
                throw Rollback()
            }
        } catch let error as PQError {
            return error
        } catch is Rollback {
            return nil
        }
        return nil
    }
}

// Serialized: the cases share one fixture database, and two attempts touching the same rows at
// once would deadlock each other (a test artefact; each case rolls back).
@Suite(.serialized) struct InvariantTests {
    static let violations: [Violation] = [
        Violation(
            invariant: "grade is 0..11",
            sql: "INSERT INTO pupil_grade VALUES (903, 901, 913, 12)", kind: .checkViolation, constraint: "pupil_grade_range"),
        Violation(
            invariant: "one grade per person per school year",
            sql: "INSERT INTO pupil_grade VALUES (901, 901, 918, 9)", kind: .uniqueViolation, constraint: "pupil_grade_pkey"),
        Violation(
            invariant: "agreements of an organisation never overlap",
            sql: "INSERT INTO network_agreement (organisation_id, starts_on, ends_on) VALUES (913, '2020-01-01', '2021-01-01')",
            kind: .exclusionViolation, constraint: "network_agreement_no_overlap"),
        Violation(
            invariant: "one organisation per normalised name in a municipality",
            sql: "INSERT INTO organisation (municipality_id, kind, full_name) VALUES (901, 'gymnasium', 'МАОУ «Гимназия № 13» г.Томска')",
            kind: .uniqueViolation, constraint: "organisation_name_unique"),
        Violation(
            invariant: "event dates in order",
            sql: "UPDATE event SET ends_on = '2020-10-18' WHERE id = 901", kind: .checkViolation, constraint: "event_dates_in_order"),
        Violation(
            invariant: "event time zone is an IANA name",
            sql: "UPDATE event SET time_zone = 'Mars/Olympus' WHERE id = 901", kind: .checkViolation, constraint: "event_time_zone_valid"),
        Violation(
            invariant: "event lies in its school year",
            sql: "UPDATE event SET starts_on = '2021-09-01', ends_on = '2021-09-02' WHERE id = 901",
            kind: .checkViolation, constraint: "event_in_school_year"),
        Violation(
            invariant: "team min <= max",
            sql: "UPDATE event SET team_min_size = 4 WHERE id = 902", kind: .checkViolation, constraint: "event_team_rules"),
        Violation(
            invariant: "grade range min <= max",
            sql: "UPDATE event SET grade_min = 9, grade_max = 8 WHERE id = 901", kind: .checkViolation, constraint: "event_grade_range"),
        Violation(
            invariant: "a person once among the active applications of an event",
            sql: """
                INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
                    OVERRIDING SYSTEM VALUE VALUES (907, 901, 950, 't', 'Орлова', 'o@example.org');
                INSERT INTO application_member (application_id, person_id) VALUES (907, 901);
                """,
            kind: .uniqueViolation, constraint: "application_member_once_per_event"),
        Violation(
            invariant: "re-activating an application cannot double-book its members",
            sql: """
                UPDATE application SET status = 'withdrawn' WHERE id = 901;
                INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
                    OVERRIDING SYSTEM VALUE VALUES (907, 901, 950, 't', 'Орлова', 'o@example.org');
                INSERT INTO application_member (application_id, person_id) VALUES (907, 901);
                UPDATE application SET status = 'submitted' WHERE id = 901;
                """,
            kind: .uniqueViolation, constraint: "application_member_once_per_event"),
        Violation(
            invariant: "a member's event is its application's event",
            sql: """
                INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
                    OVERRIDING SYSTEM VALUE VALUES (907, 901, 950, 't', 'Орлова', 'o@example.org');
                INSERT INTO application_member (application_id, event_id, application_active, person_id) VALUES (907, 902, true, 903);
                """,
            kind: .foreignKeyViolation, constraint: "application_member_application_fkey"),
        Violation(
            invariant: "an individual application has one member",
            sql: "INSERT INTO application_member (application_id, person_id) VALUES (901, 903)",
            kind: .checkViolation, constraint: "application_member_team_max_size"),
        Violation(
            invariant: "event capacity",
            sql: """
                INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email)
                    VALUES (901, 950, 't', 'Орлова', 'o@example.org'), (901, 950, 't', 'Орлова', 'o@example.org');
                """,
            kind: .checkViolation, constraint: "application_event_capacity"),
        Violation(
            invariant: "per-organisation limit",
            sql: """
                UPDATE event SET capacity = 10 WHERE id = 901;
                INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email)
                    VALUES (901, 918, 't', 'С', 's@example.org'), (901, 918, 't', 'С', 's@example.org');
                """,
            kind: .checkViolation, constraint: "application_per_organisation_limit"),
        Violation(
            invariant: "members-only event",
            sql:
                "INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email) VALUES (902, 918, 't', 'С', 's@example.org')",
            kind: .checkViolation, constraint: "application_members_only"),
        Violation(
            invariant: "idempotency key once per organisation",
            sql: """
                UPDATE application SET idempotency_key = 'k', request_hash = sha256('a') WHERE id = 901;
                UPDATE event SET capacity = 10 WHERE id = 901;
                INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email, idempotency_key, request_hash)
                    VALUES (901, 913, 't', 'К', 'k@example.org', 'k', sha256('b'));
                """,
            kind: .uniqueViolation, constraint: "application_idempotency_unique"),
        Violation(
            invariant: "an application stays with its event and organisation",
            sql: "UPDATE application SET organisation_id = 918 WHERE id = 901", kind: .checkViolation, constraint: "application_identity_fixed"),
        Violation(
            invariant: "headcount positive",
            sql: "UPDATE application SET headcount = 0 WHERE id = 901", kind: .checkViolation, constraint: "application_headcount_positive"),
        Violation(
            invariant: "a contact is given",
            sql: "UPDATE application SET contact_email = NULL WHERE id = 901", kind: .checkViolation, constraint: "application_contact_given"),
        Violation(
            invariant: "a rejection has a reason",
            sql: "UPDATE application SET status = 'rejected' WHERE id = 901", kind: .checkViolation, constraint: "application_rejection_has_reason"),
        Violation(
            invariant: "one result per application per nomination",
            sql: """
                INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 901, 901, 'winner');
                INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 901, 901, 'diploma_1');
                """,
            kind: .uniqueViolation, constraint: "result_once_per_application_nomination"),
        Violation(
            invariant: "one absolute winner per event",
            sql: """
                INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 901, 901, 'absolute_winner');
                INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 902, 902, 'absolute_winner');
                """,
            kind: .uniqueViolation, constraint: "result_one_absolute_winner"),
        Violation(
            invariant: "a special award has a title",
            sql: "INSERT INTO result (event_id, application_id, award) VALUES (901, 901, 'special')",
            kind: .checkViolation, constraint: "result_special_has_title"),
        Violation(
            invariant: "a result's nomination belongs to its event",
            sql: "INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 901, 903, 'winner')",
            kind: .foreignKeyViolation, constraint: "result_nomination_fkey"),
        Violation(
            invariant: "advancement into a stage of the same event",
            sql: "INSERT INTO stage_advancement (event_id, application_id, stage_id) VALUES (901, 901, 903)",
            kind: .foreignKeyViolation, constraint: "stage_advancement_stage_fkey"),
        Violation(
            invariant: "school and organiser tokens have an organisation",
            sql: "INSERT INTO api_token (token_hash, role) VALUES (sha256('x'), 'school')", kind: .checkViolation, constraint: "api_token_scope"),
        Violation(
            invariant: "one consent in force per person",
            sql: """
                INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_at) VALUES (903, 'мать', 'учитель', now());
                INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_at) VALUES (903, 'отец', 'учитель', now());
                """,
            kind: .uniqueViolation, constraint: "personal_data_consent_one_active")
    ]

    @Test(arguments: violations)
    func theDatabaseRefuses(_ v: Violation) throws {
        let conn = try Fixtures.connect()
        let error = try #require(try conn.violation(v.sql), "\(v.invariant): the statement succeeded")
        #expect(error.kind == v.kind, "\(v.invariant): \(error)")
        #expect(error.constraint == v.constraint, "\(v.invariant): \(error)")
    }

    @Test func aMissingRequiredValueIsANotNullViolation() throws {
        let conn = try Fixtures.connect()
        let error = try #require(
            try conn.violation(
                "INSERT INTO application (event_id, organisation_id, responsible_name, contact_email) VALUES (901, 950, 'О', 'o@example.org')"))
        #expect(error.kind == .notNullViolation)
        #expect(error.column == "submitted_by")
    }

    @Test func fixturesAreIntactAfterTheViolations() throws {
        let conn = try Fixtures.connect()
        #expect(try conn.query("SELECT count(*) FROM application").first!.decode(0, as: Int64.self) == 2)
    }

    /// The whole psql suite (every invariant, name search, matching), run through PQ.
    @Test func constraintsScriptPasses() throws {
        let conn = try PQConnection(try MigratedDatabase.migrated("constraints_script"))
        try conn.executeScript(SQLFiles.withoutPsqlCommands(try SQLFiles.text("tests/constraints.sql")))
    }

    @Test func organisationSearchFindsTheReportsSpellings() throws {
        let conn = try Fixtures.connect()
        let cases: [(String, Int64)] = [
            ("гимназия 13 томск", 913), ("МАОУ гимназия №13 г. Томска", 913), ("«Гимназия № 13» г.Томска", 913),
            ("гимназия N18", 918), ("Богашевская СОШ им. А.И. Фёдорова", 931), ("Дубровинская средняя школа", 932)
        ]
        for (query, expected) in cases {
            let first = try conn.query("SELECT organisation_id FROM search_organisations($1, 5)", [query]).first
            #expect(try first?.decode(0, as: Int64.self) == expected, "\(query)")
        }
    }

    /// Two schools racing for the last place: exactly one gets it, at either isolation level.
    @Test(arguments: [PQIsolation.readCommitted, .repeatableRead, .serializable])
    func racingForTheLastPlaceOneWins(_ isolation: PQIsolation) throws {
        let config = try MigratedDatabase.migrated(
            "race_\(isolation == .readCommitted ? "rc" : isolation == .repeatableRead ? "rr" : "sz")",
            setup: try Fixtures.sql())
        let racers = 6
        let results = Results<Result<Void, any Error>>(count: racers)
        DispatchQueue.concurrentPerform(iterations: racers) { i in
            results.set(
                i,
                Result {
                    let conn = try PQConnection(config)
                    try conn.transaction(isolation: isolation) { tx in
                        try tx.execute(
                            """
                            INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email)
                            VALUES (901, $1, 'race', 'Р', 'r@example.org')
                            """, [i % 2 == 0 ? Int64(950) : Int64(955)])
                    }
                })
        }
        let outcomes = results.values
        #expect(outcomes.filter { (try? $0.get()) != nil }.count == 1, "one place was left")
        for case let .failure(error as PQError) in outcomes {
            #expect([.checkViolation, .serializationFailure].contains(error.kind), "\(error)")
        }
        let conn = try PQConnection(config)
        #expect(try conn.query("SELECT count(*) FROM application WHERE event_id = 901 AND is_active").first!.decode(0, as: Int64.self) == 3)
    }
}
