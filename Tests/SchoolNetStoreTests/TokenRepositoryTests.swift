import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

@Suite struct TokenRepositoryTests {
    let repo = TokenRepository()
    let at = instant("2020-09-01T09:00:00+07:00")

    @Test func anIssuedTokenLooksUpToItsPrincipal() throws {
        let db = try StoreFixture("token_issue")
        let school = try db.gymnasium13()
        let issued = try repo.issue(role: .school, organisationID: school.id, label: "гимназия 13: регистрация", at: at, on: db.conn)
        #expect(issued.raw.hasPrefix("sn_") && issued.raw.count == 3 + 43)
        #expect(issued.raw.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        #expect(issued.token.role == .school && issued.token.organisationID == school.id && issued.token.createdAt == at)
        #expect(!String(describing: issued).contains(issued.raw) && !String(reflecting: issued).contains(issued.raw))
        var dumped = ""
        dump(issued, to: &dumped)
        #expect(!dumped.contains(issued.raw))

        let principal = try repo.lookup(issued.raw, at: at.addingTimeInterval(60), on: db.conn)
        #expect(principal == Caller(organisationID: school.id, role: .school, credential: .token(id: issued.token.id), displayName: "гимназия 13: регистрация"))
        #expect(try repo.lookup(issued.raw + "x", at: at, on: db.conn) == nil)
        #expect(try repo.lookup("", at: at, on: db.conn) == nil)
    }

    @Test func onlyTheHashIsStored() throws {
        let db = try StoreFixture("token_hash")
        let issued = try repo.issue(role: .regionalAdmin, organisationID: nil, label: "РЦРО", at: at, on: db.conn)
        let row = try db.conn.query("SELECT encode(token_hash, 'hex'), octet_length(token_hash) FROM api_token WHERE id = $1", [issued.token.id]).first
        #expect(try row?.decode(1, as: Int.self) == 32)
        let expected = try db.conn.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [issued.raw]).first?.decode(0, as: String.self)
        #expect(try row?.decode(0, as: String.self) == expected)
        let leaked = try db.conn.query(
            """
            SELECT count(*) FROM api_token t, audit_log a
            WHERE position($1 in t::text) > 0 OR position($1 in coalesce(a.after::text, '')) > 0
               OR a.after ? 'token_hash'
            """, [issued.raw]
        ).first?.decode(0, as: Int64.self)
        #expect(leaked == 0)
        let other = try repo.issue(role: .regionalAdmin, organisationID: nil, label: "РЦРО 2", at: at, on: db.conn)
        #expect(other.raw != issued.raw)
    }

    @Test func revokedAndExpiredTokensAreRefused() throws {
        let db = try StoreFixture("token_revoke")
        let school = try db.gymnasium13()
        let expiring = try repo.issue(
            role: .organiser, organisationID: school.id, label: "организатор", at: at,
            expiresAt: at.addingTimeInterval(3600), on: db.conn)
        #expect(try repo.lookup(expiring.raw, at: at.addingTimeInterval(3599), on: db.conn) != nil)
        #expect(try repo.lookup(expiring.raw, at: at.addingTimeInterval(3600), on: db.conn) == nil)

        let revoked = try repo.issue(role: .school, organisationID: school.id, label: "старый", at: at, on: db.conn)
        #expect(try repo.revoke(revoked.token.id, at: at.addingTimeInterval(10), on: db.conn))
        #expect(try !repo.revoke(revoked.token.id, at: at.addingTimeInterval(20), on: db.conn))
        #expect(try repo.get(revoked.token.id, on: db.conn)?.revokedAt == at.addingTimeInterval(10))
        #expect(try repo.lookup(revoked.raw, at: at.addingTimeInterval(30), on: db.conn) == nil)
        #expect(try repo.list(organisationID: school.id, on: db.conn).map(\.id) == [revoked.token.id, expiring.token.id])
        #expect(try repo.list(organisationID: nil, on: db.conn).isEmpty)
    }

    @Test func lastUseIsNotedAtMostEveryFewMinutes() throws {
        let db = try StoreFixture("token_last_used")
        let school = try db.gymnasium13()
        let issued = try repo.issue(role: .school, organisationID: school.id, label: "школа", at: at, on: db.conn)
        #expect(try repo.get(issued.token.id, on: db.conn)?.lastUsedAt == nil)
        let first = at.addingTimeInterval(60)
        // The lookup only reads; noting the use is apart.
        #expect(try repo.find(issued.raw, at: first, on: db.conn)?.lastUsedAt == nil)
        #expect(try repo.get(issued.token.id, on: db.conn)?.lastUsedAt == nil)
        #expect(TokenRepository.needsTouch(lastUsedAt: nil, at: first))
        #expect(try repo.touch(issued.token.id, at: first, on: db.conn))
        #expect(try repo.get(issued.token.id, on: db.conn)?.lastUsedAt == first)
        #expect(!TokenRepository.needsTouch(lastUsedAt: first, at: first.addingTimeInterval(10)))
        #expect(try !repo.touch(issued.token.id, at: first.addingTimeInterval(10), on: db.conn))
        #expect(try repo.get(issued.token.id, on: db.conn)?.lastUsedAt == first)
        let later = first.addingTimeInterval(TokenRepository.lastUsedGranularity)
        #expect(TokenRepository.needsTouch(lastUsedAt: first, at: later))
        #expect(try repo.touch(issued.token.id, at: later, on: db.conn))
        #expect(try repo.get(issued.token.id, on: db.conn)?.lastUsedAt == later)
    }

    @Test func aSchoolTokenNeedsAnOrganisation() throws {
        let db = try StoreFixture("token_scope")
        let error = databaseError { _ = try repo.issue(role: .school, organisationID: nil, label: "ничья", at: at, on: db.conn) }
        #expect(error?.kind == .checkViolation)
        #expect(error?.constraint == "api_token_scope")
        let expired = databaseError {
            _ = try repo.issue(role: .regionalAdmin, organisationID: nil, label: "просрочен", at: at, expiresAt: at, on: db.conn)
        }
        #expect(expired?.constraint == "api_token_dates_in_order")
    }

    @Test func aTokenInsertedByHandExpiresAtTheEndOfTheSchoolYear() throws {
        let db = try StoreFixture("token_default_expiry")
        let row = try db.conn.query(
            """
            INSERT INTO api_token (token_hash, role, label) VALUES (sha256('by hand'), 'admin', 'вручную')
            RETURNING expires_at = school_year_end(now()) AS defaulted, expires_at > now() AS later
            """)[0]
        #expect(try row.decode("defaulted", as: Bool.self))
        #expect(try row.decode("later", as: Bool.self))
        // 1 September 00:00 in Tomsk (UTC+7) after the instant, the last second of August included.
        for (at, end) in [
            ("2025-10-10T05:00:00Z", "2026-08-31T17:00:00Z"), ("2026-08-31T16:59:59Z", "2026-08-31T17:00:00Z"),
            ("2026-08-31T17:00:00Z", "2027-08-31T17:00:00Z"), ("2026-01-01T00:00:00Z", "2026-08-31T17:00:00Z")
        ] {
            let computed: Date = try db.conn.query("SELECT school_year_end($1)", [instant(at)])[0].decode(0)
            #expect(computed == instant(end), "\(at)")
        }
        // An explicit NULL still means "never": the repository's choice, not the default's.
        let never = try repo.issue(role: .regionalAdmin, organisationID: nil, label: "бессрочный", at: at, on: db.conn)
        #expect(never.token.expiresAt == nil)
    }
}
