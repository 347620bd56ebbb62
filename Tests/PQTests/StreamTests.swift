import Foundation
import PQ
import Testing

@Suite struct StreamTests {
    @Test func streamsAMillionRowsInConstantMemory() throws {
        let conn = try SuiteDatabase.connect("stream")
        var sum: Int64 = 0
        var peak = 0
        let before = residentBytes()
        let count = try conn.stream("SELECT g::int8, repeat('x', 100) FROM generate_series(1, $1) g", [1_000_000]) { row in
            sum += try row.decode(0, as: Int64.self)
            if try row.decode(1, as: String.self).count != 100 { throw PQError(kind: .other, message: "bad row") }
            if sum % 100_000 == 0 { peak = max(peak, residentBytes()) }
        }
        peak = max(peak, residentBytes())
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        // Materialised, these rows would take over 100 MB; streamed, growth stays small.
        #expect(peak - before < 40_000_000)
    }

    @Test func throwingBodyStopsQueryAndKeepsConnection() throws {
        let conn = try SuiteDatabase.connect("stream")
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try conn.stream("SELECT generate_series(1, 10000000)") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try conn.query("SELECT 1").first?.decode(0, as: Int.self) == 1)
    }

    @Test func serverErrorMidStream() throws {
        let conn = try SuiteDatabase.connect("stream")
        let error = pqError { try conn.stream("SELECT 1 / (5 - g) FROM generate_series(1, 10) g") { _ in } }
        #expect(error?.sqlState == .divisionByZero)
        #expect(try conn.query("SELECT 2").first?.decode(0, as: Int.self) == 2)
    }
}
