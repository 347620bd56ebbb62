import Foundation
import PQ
import SchoolNetDomain
import SchoolNetImport
import SchoolNetStore
import SchoolNetTestSupport
import Testing
@testable import SchoolNetService

/// The server's login (a member of schoolnet_runtime, migration 0014) can do every use case, and cannot alter the
/// audit log, change the schema or switch triggers off.
@Suite(.serialized) struct RuntimeRoleTests {
    typealias F = EventAdminFixture

    /// A new login role in the group, and the fixture's database as that role.
    static func runtimeLogin(_ config: PQConfiguration) throws -> PQConfiguration {
        let role = "rt_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try PQConnection(config).executeScript("CREATE ROLE \(role) LOGIN IN ROLE schoolnet_runtime")
        var runtime = config
        runtime.options["user"] = role
        return runtime
    }

    static func sqlState(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as PQError {
            return error.sqlState?.rawValue
        } catch {
            return "\(error)"
        }
    }

    @Test func theRuntimeLoginDoesEveryUseCase() async throws {
        try await F.with("runtime_use_cases") { f in
            try f.run("SELECT setval(pg_get_serial_sequence('api_token', 'id'), 100)")  // the fixture wrote ids 1-4 by hand
            let config = try Self.runtimeLogin(f.config)
            let pool = PQPool(configuration: config, size: 2)
            defer { Task { await pool.shutdown() } }
            #expect(try await pool.withConnection { conn in try Migrator.loginWarnings(conn) } == [])

            // registration, edit, withdraw (a school)
            let registration = RegistrationService(pool: pool, time: FixedTime(F.defaultNow))
            let first = try await registration.register(
                request(F.event, OrganisationID(rawValue: 13), [pupil("Иванова", "Мария", grade: 9, born: "2006-05-01")]), by: F.school)
            let second = try await registration.register(
                request(F.event, OrganisationID(rawValue: 13), [pupil("Петров", "Олег", grade: 8, born: "2007-05-01")]), by: F.school)
            let edited = request(F.event, OrganisationID(rawValue: 13), [pupil("Сидорова", "Анна", grade: 9, born: "2006-07-01")]).change
            _ = try await registration.edit(first.application.id, edited, by: F.school)
            _ = try await registration.withdraw(second.application.id, by: F.school)

            // organiser: review, close registration, results (a correction writes an audit note), publication
            _ = try await registration.review(first.application.id, decision: .accept, by: F.organiser)
            let admin = EventAdminService(pool: pool, time: FixedTime(F.defaultNow))
            _ = try await admin.closeRegistration(event: F.event, by: F.organiser)
            let finalists = try f.finalists(1, firstID: 700, nomination: F.poetry)
            let line = ResultInput(applicationID: finalists[0], nominationID: F.poetry, award: .diplomaFirstDegree)
            #expect(try await admin.recordResult(line, event: F.event, by: F.organiser) == ResultsWritten(created: 1))
            let corrected = ResultInput(applicationID: finalists[0], nominationID: F.poetry, award: .winner)
            #expect(try await admin.correctResult(corrected, reason: "ошибка в протоколе", event: F.event, by: F.organiser) == ResultsWritten(changed: 1))
            _ = try await admin.publishResults(event: F.event, by: F.organiser)

            // import, report
            let csv = "ФИО;Дата рождения;Класс;Школа\nОрлова Вера;01.03.2010;4А;СОШ №50\n"
            let path = try ImportFixtures.file(Array(csv.utf8))
            let report = try await ImportService(pool: pool, clock: FixedTime(F.defaultNow)).importFile(.pupils, path: path)
            #expect(report.inserted == 1)
            _ = try await ReportService(pool: pool).annual(schoolYear: "2020-2021")

            // token issue and authentication
            let issued = try await TokenService(pool: pool, time: FixedTime(F.defaultNow)).issue(
                role: .school, organisation: OrganisationID(rawValue: 50), label: "СОШ №50", by: F.admin)
            let caller = try await TokenAuthenticator(pool: pool, time: FixedTime(F.defaultNow)).caller(of: issued.raw)
            #expect(caller?.organisationID == OrganisationID(rawValue: 50))

            // everything above was audited, by the trigger and audit_note, though the login has no right on audit_log
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'result_correction'") == 1)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'application' AND actor IS NOT NULL") >= 4)
        }
    }

    @Test func theRuntimeLoginCannotAlterTheAuditLogTheSchemaOrTheTriggers() async throws {
        try await F.with("runtime_denied") { f in
            try f.run("INSERT INTO audit_log (entity, action) VALUES ('test', 'insert')")
            let conn = try PQConnection(try Self.runtimeLogin(f.config))
            let denied = "42501"  // insufficient_privilege
            #expect(Self.sqlState { try conn.execute("UPDATE audit_log SET actor = 'someone else'") } == denied)
            #expect(Self.sqlState { try conn.execute("DELETE FROM audit_log") } == denied)
            #expect(Self.sqlState { try conn.executeScript("TRUNCATE audit_log") } == denied)
            #expect(Self.sqlState { try conn.executeScript("INSERT INTO audit_log (entity, action) VALUES ('forged', 'insert')") } == denied)
            #expect(Self.sqlState { try conn.executeScript("TRUNCATE application CASCADE") } == denied)
            #expect(Self.sqlState { try conn.executeScript("CREATE TABLE public.mine (x int)") } == denied)
            #expect(Self.sqlState { try conn.executeScript("ALTER TABLE application ADD COLUMN x int") } == denied)
            #expect(Self.sqlState { try conn.executeScript("DROP TABLE result") } == denied)
            #expect(Self.sqlState { try conn.executeScript("CREATE INDEX ON person (first_name)") } == denied)
            #expect(Self.sqlState { try conn.executeScript("ALTER TABLE application DISABLE TRIGGER ALL") } == denied)
            #expect(Self.sqlState { try conn.executeScript("ALTER TABLE event DISABLE TRIGGER USER") } == denied)
            #expect(Self.sqlState { try conn.executeScript("SET session_replication_role = replica") } == denied)
            #expect(
                Self.sqlState { try conn.executeScript("CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'") }
                    == denied)
            #expect(Self.sqlState { try conn.execute("INSERT INTO schema_migrations (name, checksum) VALUES ('9999_x.sql', repeat('0', 64))") } == denied)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'test' AND actor IS NULL") == 1)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'forged'") == 0)
        }
    }

    @Test func aSuperuserLoginIsWarnedAbout() throws {
        let conn = try PQConnection(try TestDatabase.migrated("runtime_warning"))
        let warnings = try Migrator.loginWarnings(conn)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("SUPERUSER") == true)
    }
}
