import Foundation
import PQ
import Testing

@Suite struct MemoryTests {
    @Test func hundredThousandQueriesLeaveMemoryFlat() throws {
        let conn = try SuiteDatabase.connect("memory")
        // Warm up caches and allocator pools first, so only growth is measured.
        for i in 0..<2_000 { _ = try conn.query("SELECT $1::int8, $2::text, now()", [i, "warm"]).first?.decode(1, as: String.self) }
        let before = residentBytes()
        var total = 0
        for i in 0..<100_000 {
            let rows = try conn.query("SELECT $1::int8 AS n, $2::text AS s, now() AS t", [i, "value \(i % 10)"])
            total += try rows[0].decode("n", as: Int.self)
            _ = try rows[0].decode("s", as: String.self)
        }
        _ = pqError { try conn.query("SELECT 1/0") }  // error paths free their results too
        let growth = residentBytes() - before
        #expect(total == 4_999_950_000)
        // A leaked PGresult per query would be at least 100,000 x 2 KB = 200 MB.
        #expect(growth < 50_000_000, "RSS grew by \(growth) bytes")
    }
}
