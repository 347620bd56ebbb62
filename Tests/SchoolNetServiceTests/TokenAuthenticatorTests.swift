import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// Token lookup: hashed in Swift (the raw token never reaches PostgreSQL, not even its statement log), read in a
/// read-only transaction (authentication works on a read-only database), tokens expire by default and rotate.
@Suite struct TokenAuthenticatorTests {
    static let now = ISO8601DateFormatter().date(from: "2025-10-10T05:00:00Z")!
    static let operatorCaller = Caller(organisationID: nil, role: .regionalAdmin, displayName: "cli:tester")

    /// A fresh migrated database, its name, and a pool on it opened after `settings` were set on the database.
    private func database(_ label: String, settings: [String] = []) throws -> (config: PQConfiguration, name: String) {
        let config = try TestDatabase.migrated(label)
        let admin = try PQConnection(try TestDatabase.configuration())
        let name = try #require(config.database)
        for setting in settings {
            try admin.executeScript("ALTER DATABASE \(try admin.escapeIdentifier(name)) SET \(setting)")
        }
        return (config, name)
    }

    @Test func authenticationWorksOnAReadOnlyDatabase() async throws {
        let (config, name) = try database("token_read_only")
        let writable = PQPool(configuration: config, size: 1)
        let issued = try await TokenService(pool: writable, time: FixedTime(Self.now)).issue(
            role: .regionalAdmin, organisation: nil, label: "РЦРО", by: Self.operatorCaller)
        await writable.shutdown()

        let admin = try PQConnection(try TestDatabase.configuration())
        try admin.executeScript("ALTER DATABASE \(try admin.escapeIdentifier(name)) SET default_transaction_read_only = on")
        let pool = PQPool(configuration: config, size: 2)
        let authenticator = TokenAuthenticator(pool: pool, time: FixedTime(Self.now.addingTimeInterval(3600)))
        let caller = try await authenticator.caller(of: issued.raw)
        #expect(caller?.tokenID == issued.token.id)
        #expect(caller?.role == .regionalAdmin)
        #expect(try await authenticator.caller(of: "sn_" + String(repeating: "A", count: 43)) == nil)
        // Nothing could be written, and nothing failed for it.
        let lastUsed = try await pool.withConnection { conn in
            try conn.query("SELECT last_used_at FROM api_token WHERE id = $1", [issued.token.id])[0].decode(0, as: Date?.self)
        }
        #expect(lastUsed == nil)
        await pool.shutdown()
    }

    @Test func theRawTokenNeverReachesTheServer() async throws {
        let (config, _) = try database("token_statement_log", settings: ["log_statement = 'all'"])
        let pool = PQPool(configuration: config, size: 2)
        let service = TokenService(pool: pool, time: FixedTime(Self.now))
        let authenticator = TokenAuthenticator(pool: pool, time: FixedTime(Self.now.addingTimeInterval(3600)))
        let issued = try await service.issue(role: .regionalAdmin, organisation: nil, label: "РЦРО", by: Self.operatorCaller)
        #expect(try await authenticator.caller(of: issued.raw) != nil)
        let rotated = try await service.rotate(issued.token.id, by: Self.operatorCaller)
        #expect(try await authenticator.caller(of: rotated.raw) != nil)
        let unknown = "sn_" + UUID().uuidString.replacingOccurrences(of: "-", with: "") + "unknownXYZ"
        #expect(try await authenticator.caller(of: unknown) == nil)
        let marker = "statement-log-marker-" + UUID().uuidString
        try await pool.withConnection { conn in _ = try conn.query("SELECT $1::text", [marker]) }
        await pool.shutdown()

        // The server's log (scripts/test starts the cluster with it beside the data directory), read by the superuser.
        let admin = try PQConnection(try TestDatabase.configuration())
        let log: String = try admin.query("SELECT pg_read_file(current_setting('data_directory') || '/../server.log')")[0].decode(0)
        #expect(log.contains(marker), "statement logging is not on: the check below would prove nothing")
        #expect(log.contains("api_token"))
        for secret in [issued.raw, rotated.raw, unknown] {
            #expect(!log.contains(secret))
        }
    }

    @Test func tokensExpireAtTheEndOfTheSchoolYearByDefault() async throws {
        let (config, _) = try database("token_expiry")
        let pool = PQPool(configuration: config, size: 2)
        let service = TokenService(pool: pool, time: FixedTime(Self.now))
        let issued = try await service.issue(role: .regionalAdmin, organisation: nil, label: "РЦРО", by: Self.operatorCaller)
        // 1 September 2026, 00:00 in Tomsk (UTC+7).
        #expect(issued.token.expiresAt == ISO8601DateFormatter().date(from: "2026-08-31T17:00:00Z"))
        let chosen = Self.now.addingTimeInterval(86400 * 7)
        #expect(
            try await service.issue(role: .regionalAdmin, organisation: nil, label: "неделя", expiresAt: chosen, by: Self.operatorCaller)
                .token.expiresAt == chosen)
        let expired = TokenAuthenticator(pool: pool, time: FixedTime(ISO8601DateFormatter().date(from: "2026-08-31T17:00:00Z")!))
        #expect(try await expired.caller(of: issued.raw) == nil)
        await pool.shutdown()
    }

    @Test func theServiceAndTheDatabaseAgreeOnTheDefaultExpiry() async throws {
        let (config, _) = try database("token_expiry_agree")
        let conn = try PQConnection(config)
        for text in ["2025-10-10T05:00:00Z", "2026-08-31T16:59:59Z", "2026-08-31T17:00:00Z", "2027-03-01T00:00:00Z"] {
            let at = ISO8601DateFormatter().date(from: text)!
            let sql: Date = try conn.query("SELECT school_year_end($1)", [at])[0].decode(0)
            #expect(sql == TokenService.defaultExpiry(at: at), "\(text)")
        }
    }

    @Test func rotationRevokesTheOldTokenAndIssuesOneWithTheSameScope() async throws {
        let (config, _) = try database("token_rotate")
        let pool = PQPool(configuration: config, size: 4)
        let conn = try PQConnection(config)
        let organisation = try FixtureOrganisation.create(on: conn)
        let service = TokenService(pool: pool, time: FixedTime(Self.now))
        let authenticator = TokenAuthenticator(pool: pool, time: FixedTime(Self.now.addingTimeInterval(60)))
        let old = try await service.issue(role: .school, organisation: organisation, label: "СОШ №50", by: Self.operatorCaller)
        let new = try await service.rotate(old.token.id, by: Self.operatorCaller)
        #expect(new.raw != old.raw && new.token.id != old.token.id)
        #expect(new.token.role == .school && new.token.organisationID == organisation && new.token.label == "СОШ №50")
        #expect(new.token.expiresAt == TokenService.defaultExpiry(at: Self.now))
        #expect(try await authenticator.caller(of: old.raw) == nil)
        #expect(try await authenticator.caller(of: new.raw)?.organisationID == organisation)

        // A revoked token is not rotated again; an unknown one is not found; only the regional centre rotates.
        let again = await #expect(throws: RegistrationRefusal.self) { _ = try await service.rotate(old.token.id, by: Self.operatorCaller) }
        #expect(again?.errors.map(\.code) == [.invalidTransition])
        let missing = await #expect(throws: RegistrationRefusal.self) { _ = try await service.rotate(999_999, by: Self.operatorCaller) }
        #expect(missing?.errors.map(\.code) == [.notFound])
        let school = try #require(try await authenticator.caller(of: new.raw))
        let forbidden = await #expect(throws: RegistrationRefusal.self) { _ = try await service.rotate(new.token.id, by: school) }
        #expect(forbidden?.errors.map(\.code) == [.forbidden])
        #expect(try conn.query("SELECT count(*) FROM api_token")[0].decode(0, as: Int64.self) == 2)
        await pool.shutdown()
    }

    @Test func twoRotationsOfOneTokenRacingIssueOneNewToken() async throws {
        let (config, _) = try database("token_rotate_race")
        let pool = PQPool(configuration: config, size: 4)
        let service = TokenService(pool: pool, time: FixedTime(Self.now))
        for _ in 0..<5 {
            let old = try await service.issue(role: .regionalAdmin, organisation: nil, label: "гонка", by: Self.operatorCaller)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask { (try? await service.rotate(old.token.id, by: Self.operatorCaller)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
        }
        let conn = try PQConnection(config)
        // Five originals, five replacements: each race issued exactly one.
        #expect(try conn.query("SELECT count(*) FROM api_token")[0].decode(0, as: Int64.self) == 10)
        #expect(try conn.query("SELECT count(*) FROM api_token WHERE revoked_at IS NULL")[0].decode(0, as: Int64.self) == 5)
        await pool.shutdown()
    }
}

/// One organisation for a school's token.
enum FixtureOrganisation {
    static func create(on conn: PQConnection) throws -> OrganisationID {
        let reference = ReferenceRepository()
        let region = try reference.ensureRegion(countryCode: "RU", name: "Томская область", on: conn)
        let city = try reference.ensureMunicipality(regionID: region.id, name: "г. Томск", kind: .city, on: conn)
        return try OrganisationRepository().create(
            NewOrganisation(municipalityID: city.id, kind: .school, legalForm: "МАОУ", fullName: "МАОУ СОШ №50 г. Томска", shortName: "СОШ №50"),
            on: conn
        ).id
    }
}
