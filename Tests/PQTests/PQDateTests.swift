import PQ
import Testing

@Suite struct PQDateTests {
    @Test func civilDayArithmetic() {
        #expect(PQDate(year: 1970, month: 1, day: 1).daysSinceUnixEpoch == 0)
        #expect(PQDate(year: 2000, month: 3, day: 1).daysSinceUnixEpoch == 11_017)
        #expect(PQDate(year: 1900, month: 3, day: 1).daysSinceUnixEpoch == -25_508)
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            #expect(PQDate(daysSinceUnixEpoch: days).daysSinceUnixEpoch == days)
        }
    }

    @Test func parsesAndPrints() {
        #expect(PQDate("2024-02-29") == PQDate(year: 2024, month: 2, day: 29))
        #expect(PQDate("0987-01-05")?.description == "0987-01-05")
        #expect(PQDate("2024-13-01") == nil)
        #expect(PQDate("yesterday") == nil)
        #expect(PQDate(year: 1899, month: 12, day: 31) < PQDate(year: 1900, month: 1, day: 1))
    }
}
