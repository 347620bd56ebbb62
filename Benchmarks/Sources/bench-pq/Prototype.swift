import BenchCommon
import Foundation
import PQ

// A prototype of a change suggested for PQ (docs/BENCHMARKS.md), not part of PQ: numeric's binary
// form (base-10000 digits) straight into Foundation.Decimal, instead of PQ's current route through
// a String and Decimal(string:locale:). Used only when BENCH_PQ_PROTOTYPE=1, reported as peer pq-proto,
// so the gain of the suggestion is measured in the same run.
struct DirectDecimal: PQDecodable {
    var value: Decimal

    init(pqCell cell: PQCell) throws {
        guard let b = cell.bytes, cell.typeOID == 1700, b.count >= 8 else {
            value = try Decimal(pqCell: cell)
            return
        }
        func int16(_ offset: Int) -> Int { Int(Int16(bigEndian: b.loadUnaligned(fromByteOffset: offset, as: Int16.self))) }
        let ndigits = int16(0), weight = int16(2), sign = UInt16(truncatingIfNeeded: int16(4))
        // Up to 4 base-10000 digits (16 decimal digits) fit a UInt64; NaN, infinities and
        // longer values take PQ's general path.
        guard sign == 0 || sign == 0x4000, ndigits <= 4, b.count >= 8 + 2 * ndigits else {
            value = try Decimal(pqCell: cell)
            return
        }
        var mantissa: UInt64 = 0
        for i in 0..<ndigits { mantissa = mantissa &* 10_000 &+ UInt64(int16(8 + 2 * i)) }
        value = Decimal(
            sign: sign == 0x4000 ? .minus : .plus,
            exponent: mantissa == 0 ? 0 : (weight - ndigits + 1) * 4,
            significand: Decimal(mantissa)
        )
    }
}

let prototype = ProcessInfo.processInfo.environment["BENCH_PQ_PROTOTYPE"] == "1"

/// Checks the prototype against PQ's own Decimal decoding on awkward values (signs, scales,
/// trailing zeros, the UInt64 limit and past it) before it is timed.
func checkDirectDecimal(_ conn: PQConnection) throws {
    let sql = """
        SELECT x FROM (VALUES (0::numeric), (-1.5), (0.0001), (-0.000123000), (123456789012.3456),
        (9999999999999999), (10000000000000000), (1e20), (-98765.4321), (1.10), (NULL)) AS v(x)
        """
    for row in try conn.query(sql) {
        let expected: Decimal? = try row.decode(0)
        let got: DirectDecimal? = try row.decode(0)
        guard expected == got?.value else { fail("pq-proto", "DirectDecimal \(String(describing: got?.value)) != \(String(describing: expected))") }
    }
}
