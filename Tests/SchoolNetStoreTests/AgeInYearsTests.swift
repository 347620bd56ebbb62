import PQ
import SchoolNetDomain
import Testing
@testable import SchoolNetStore

/// One age rule: the SQL function the analytics use (`age_in_years`, migration 0013) equals the domain's
/// `LocalDate.age(on:)` that registration checks with, at every leap-day boundary.
@Suite struct AgeInYearsTests {
    /// Birth dates on and around 29 February (leap and common years), reference dates on and around the
    /// end of February in leap and common years, before and after the birthday, at ages 0 to 20.
    static func cases() -> [(LocalDate, LocalDate)] {
        var births: [LocalDate] = []
        for year in [2000, 2004, 2011, 2012, 2013] {
            for (month, day) in [(2, 27), (2, 28), (2, 29), (3, 1)] {
                if let date = LocalDate(year: year, month: month, day: day) { births.append(date) }
            }
        }
        var cases: [(LocalDate, LocalDate)] = []
        for birth in births {
            for year in (birth.year - 1)...(birth.year + 20) {
                for (month, day) in [(2, 27), (2, 28), (2, 29), (3, 1), (3, 2), (1, 1), (12, 31)] {
                    if let on = LocalDate(year: year, month: month, day: day) { cases.append((birth, on)) }
                }
            }
        }
        return cases
    }

    @Test func theSQLFunctionEqualsTheDomainRuleAtEveryLeapDayBoundary() throws {
        let conn = try PQConnection(try MigratedDatabase.shared("age_in_years"))
        let cases = Self.cases()
        let births = cases.map { $0.0.iso }
        let dates = cases.map { $0.1.iso }
        let sql = try conn.query(
            """
            SELECT age_in_years(b::date, d::date) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(b, d, n) ORDER BY n
            """, [births, dates]
        ).map { try $0.decode(0, as: Int.self) }
        #expect(sql.count == cases.count)
        var mismatches: [String] = []
        for (index, (birth, on)) in cases.enumerated() where sql[index] != birth.age(on: on) {
            mismatches.append("\(birth.iso) on \(on.iso): SQL \(sql[index]), domain \(birth.age(on: on))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func bornOn29FebruaryIsSevenOn28FebruaryOfACommonYear() throws {
        let conn = try PQConnection(try MigratedDatabase.shared("age_in_years"))
        let age = { (birth: String, on: String) throws -> Int in
            try conn.query("SELECT age_in_years($1::date, $2::date)", [birth, on]).first!.decode(0, as: Int.self)
        }
        #expect(try age("2012-02-29", "2019-02-28") == 7)
        #expect(try age("2012-02-29", "2019-02-27") == 6)
        #expect(try age("2012-02-29", "2020-02-28") == 7, "a leap year has its own 29 February")
        #expect(try age("2012-02-29", "2020-02-29") == 8)
        #expect(try age("2000-02-29", "2019-02-28") == 19)
        #expect(try age("2000-02-29", "2019-02-27") == 18)
        #expect(LocalDate("2012-02-29")!.age(on: LocalDate("2019-02-28")!) == 7)
    }
}
