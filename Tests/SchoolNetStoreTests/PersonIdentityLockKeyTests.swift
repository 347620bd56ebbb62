import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// person_identity_lock_key (migration 0011): one person, however spelled and in whatever session, is one
/// key; there are 1,024 keys, so no caller ever holds more locks than that.
@Suite struct PersonIdentityLockKeyTests {
    func key(_ last: String, _ first: String, _ born: String?, _ organisation: Int64?, on conn: PQConnection) throws -> Int64? {
        try conn.query("SELECT person_identity_lock_key($1, $2, $3, $4)", [last, first, born.map { PQDate($0)! }, organisation])
            .first!.decode(0)
    }

    @Test func oneIdentityOneKeyInEverySession() throws {
        let conn = try StoreFixture("identity_lock_key_session").conn
        let key = try self.key("Фёдорова", "Алёна", "2008-03-14", nil, on: conn)
        #expect(key != nil)
        // the spellings matching takes for one person; with a birth date the organisation is not part of it
        #expect(try self.key("ФЕДОРОВА", "  алена", "2008-03-14", 7, on: conn) == key)
        // a session that prints dates otherwise computes the same key
        try conn.transaction { tx in
            try tx.execute("SET LOCAL DateStyle = 'German, DMY'")
            #expect(try self.key("Фёдорова", "Алёна", "2008-03-14", nil, on: tx) == key)
        }
        // without a birth date the person is known only at an organisation; without either, not at all
        #expect(try self.key("Ким", "Ольга", nil, 7, on: conn) == self.key("КИМ", "ольга", nil, 7, on: conn))
        #expect(try self.key("Ким", "Ольга", nil, nil, on: conn) == nil)
    }

    @Test func everyKeyIsOneOf1024Buckets() throws {
        let conn = try StoreFixture("identity_lock_key_buckets").conn
        let all = try conn.query("SELECT k FROM person_identity_lock_keys() k").map { try $0.decode(0, as: Int64.self) }
        #expect(all.count == 1024 && all == all.sorted() && Set(all).count == 1024)
        let outside: Int64 = try conn.query(
            """
            SELECT count(*) FROM generate_series(1, 5000) i
            WHERE person_identity_lock_key('Фамилия' || i, 'Имя', DATE '2010-01-01' + i % 1500, NULL)
                  NOT IN (SELECT person_identity_lock_keys())
            """
        ).first!.decode(0)
        #expect(outside == 0)
    }

    /// 0019 rewrote the function over `person_identity_lock_key_of(name_key, ...)`, which the import's batches call
    /// with the name key they already have: both give what 0011's formula gave (written out here), so servers on
    /// either side of the migration still lock the same bucket for one person.
    @Test func theKeyOfANameKeyIsTheKeyOf0011() throws {
        let conn = try StoreFixture("identity_lock_key_of").conn
        let differing: Int64 = try conn.query(
            """
            WITH identity AS (
                SELECT CASE i % 3 WHEN 0 THEN 'Ёлкина-Петрова ' || i WHEN 1 THEN ' ФЁДОРОВ' || i ELSE 'van der Berg' || i END AS last_name,
                       CASE WHEN i % 2 = 0 THEN 'Алёна' ELSE 'анна-мария' END AS first_name,
                       CASE WHEN i % 5 <> 0 THEN DATE '1990-01-01' + i % 9000 END AS birth_date,
                       CASE WHEN i % 7 <> 0 THEN i % 40 END::bigint AS organisation_id
                FROM generate_series(1, 5000) i
            )
            SELECT count(*) FROM identity
            WHERE person_identity_lock_key(last_name, first_name, birth_date, organisation_id) IS DISTINCT FROM
                  CASE WHEN birth_date IS NOT NULL OR organisation_id IS NOT NULL THEN
                      (1346720339::bigint << 32)
                      + (hashtextextended(
                             normalize_person_name(last_name) || ' ' || normalize_person_name(first_name) || ' '
                             || coalesce('born ' || (birth_date - DATE '2000-01-01'), 'org ' || organisation_id),
                             0) & 1023)
                  END
               OR person_identity_lock_key(last_name, first_name, birth_date, organisation_id) IS DISTINCT FROM
                  person_identity_lock_key_of(
                      normalize_person_name(last_name) || ' ' || normalize_person_name(first_name), birth_date, organisation_id)
            """
        ).first!.decode(0)
        #expect(differing == 0)
    }

    /// Registration's `lockIdentities` for more people than there are buckets holds one lock per bucket.
    @Test func lockingManyPeopleHoldsAtMost1024Locks() throws {
        let db = try StoreFixture("identity_lock_key_many")
        let school = try db.gymnasium13()
        let people = (0..<3000).map { i in
            (name: PersonName(surname: "Многолюдова\(i)", givenName: "Мила"), birthDate: LocalDate(year: 2010, month: 1 + i % 12, day: 1 + i % 28))
        }
        let held: Int64 = try db.conn.transaction { tx in
            try PersonRepository().lockIdentities(people, organisation: school.id, on: tx)
            return try tx.query(
                """
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = 1346720339
                """
            ).first!.decode(0)
        }
        #expect(held > 900 && held <= 1024)
    }
}
