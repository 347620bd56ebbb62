import Foundation
import PQ
import Testing

/// numeric's binary form decodes straight into Decimal (no text in between): every value must
/// equal what PostgreSQL prints for it.
@Suite struct NumericDecimalTests {
    let conn: PQConnection
    init() throws { conn = try SuiteDatabase.connect("numerics") }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// PostgreSQL's text for a numeric as Decimal prints it: no trailing fraction zeros, no "-0".
    private static func canonical(_ text: String) -> String {
        var t = Substring(text)
        if t.contains(".") {
            while t.last == "0" { t = t.dropLast() }
            if t.last == "." { t = t.dropLast() }
        }
        return t == "-0" ? "0" : String(t)
    }

    /// Decodes `sql`'s first column as Decimal and checks each value against the server's text
    /// (second column): equal to Foundation's parse of it, and printed digit for digit.
    private func expectMatchesServerText(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int {
        var checked = 0
        for row in try conn.query(sql, parameters) {
            let text = try row.decode(1, as: String.self)
            let decoded = try row.decode(0, as: Decimal.self)
            let parsed = try #require(Decimal(string: text, locale: Self.posix), "\(text)")
            #expect(decoded == parsed, "\(text)")
            #expect(decoded.description == Self.canonical(text), "\(text)")
            checked += 1
        }
        return checked
    }

    @Test func edgeCasesMatchTheServersText() throws {
        let literals = [
            "12345678901234567890.123456789", "0.0001", "10000", "9999.9999", "-0", "-0.000", "0", "0.0",
            "1000000", "0.000001", "-0.5", "1.500", "10000.0001", "100000000.00000001", "0.1", "-123.4500",
            "1e30", "-12e30", "1e100", "1e127", "5e130", "1e-20", "1e-100", "1e-128", "-7e-127",
            "99999999999999999999999999999999999999",  // 38 nines
            "340282366920938463463374607431768211455",  // 2^128 - 1, Decimal's largest mantissa
            "-98765432109876543210987654321.987654321",  // 38 digits across the point
            "0.00000000000000000000000000000000000001",  // 1e-38
            "123456789012345678901234567890.12345", "-98765432109876543210987654321",
            "1234567890123456.7890", "9999999999999999", "10000000000000000", "18446744073709551615",
            "18446744073709551616", "-0.000123000"
        ]
        for literal in literals {
            #expect(try expectMatchesServerText("SELECT $1::numeric, ($1::numeric)::text", [literal]) == 1, "\(literal)")
        }
    }

    @Test func randomValuesMatchTheServersText() throws {
        // Signs, scales from 0 to 29 and magnitudes from 1e-20 to 1e24; products of two randoms
        // reach 30+ significant digits.
        try conn.query("SELECT setseed(0.42)")
        let sql = """
            SELECT x, x::text FROM (
              SELECT round(((random() - 0.5) * 2)::numeric * 10::numeric ^ (g % 45 - 20), g % 30) AS x
              FROM generate_series(1, 2000) AS g
              UNION ALL
              SELECT random()::numeric * random()::numeric * 10::numeric ^ (g % 20 - 5) * (CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END)
              FROM generate_series(1, 1000) AS g
            ) AS s
            """
        #expect(try expectMatchesServerText(sql) == 3000)
    }

    @Test func nanInfinitiesAndArrays() throws {
        #expect(try conn.query("SELECT 'NaN'::numeric").first?.decode(0, as: Decimal.self).isNaN == true)
        for infinity in ["Infinity", "-Infinity"] {
            let error = pqError { _ = try conn.query("SELECT $1::numeric AS grade", [infinity]).first?.decode(0, as: Decimal.self) }
            #expect(error?.kind == .decoding)
            #expect(error?.column == "grade")
            #expect(error?.message.contains("\"grade\"") == true)
            #expect(error?.message.contains(infinity) == true)
        }
        let values = try #require(conn.query("SELECT ARRAY[1.5, NULL, -0.0001, 10000, 'NaN']::numeric[]").first)
            .decode(0, as: [Decimal?].self)
        #expect(values.count == 5)
        #expect(Array(values.prefix(4)) == [Decimal(string: "1.5"), nil, Decimal(string: "-0.0001"), Decimal(10000)])
        #expect(values[4]?.isNaN == true)
        // Decoded values compute like parsed ones.
        let sum = try #require(conn.query("SELECT 0.1::numeric, 0.2::numeric").first)
        #expect(try sum.decode(0, as: Decimal.self) + sum.decode(1, as: Decimal.self) == Decimal(string: "0.3"))
    }

    @Test func beyondDecimalFallsBackToFoundationsParser() throws {
        // More digits than the 128-bit mantissa holds, or an exponent outside -128...127: the value
        // is what Foundation's parser makes of the server's text, or a decoding error when it makes nothing.
        let literals = [
            "340282366920938463463374607431768211456", "1234567890123456789012345678901234567890.5",
            "1e-130", "1e200", "-3.14159265358979323846264338327950288419716939937510"
        ]
        for literal in literals {
            let row = try #require(conn.query("SELECT $1::numeric AS v, ($1::numeric)::text", [literal]).first)
            let text = try row.decode(1, as: String.self)
            let expected = Decimal(string: text, locale: Self.posix)
            do {
                let decoded = try row.decode(0, as: Decimal.self)
                let same = expected.map { $0 == decoded || ($0.isNaN && decoded.isNaN) } ?? false
                #expect(same, "\(literal): \(decoded) against \(String(describing: expected))")
            } catch let error as PQError {
                #expect(expected == nil, "\(literal): \(error)")
                #expect(error.kind == .decoding)
            }
        }
    }
}
