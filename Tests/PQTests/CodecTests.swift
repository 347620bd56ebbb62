import Foundation
import PQ
import Testing

private func roundTrip<T: PQEncodable & PQDecodable>(_ conn: PQConnection, _ value: T, as cast: String? = nil) throws -> T {
    let sql = cast.map { "SELECT $1::\($0) AS v" } ?? "SELECT $1 AS v"
    return try #require(conn.query(sql, [value]).first).decode(0)
}

enum Mood: String, PQCodable, Equatable { case calm, curious }
struct PupilID: RawRepresentable, PQCodable, Hashable { var rawValue: Int64 }

@Suite struct CodecTests {
    let conn: PQConnection
    init() throws { conn = try SuiteDatabase.connect("codecs") }

    @Test func integers() throws {
        for v in [Int64.min, -1, 0, 1, Int64.max] { #expect(try roundTrip(conn, v) == v) }
        for v in [Int32.min, 0, Int32.max] { #expect(try roundTrip(conn, v) == v) }
        for v in [Int16.min, 0, Int16.max] { #expect(try roundTrip(conn, v) == v) }
        for v in [Int.min, 42, Int.max] { #expect(try roundTrip(conn, v) == v) }
        // Narrower columns widen; wider values that do not fit are an error, not a wrap.
        #expect(try conn.query("SELECT 7::smallint").first?.decode(0, as: Int64.self) == 7)
        let error = pqError { _ = try conn.query("SELECT 70000::int").first?.decode(0, as: Int16.self) }
        #expect(error?.kind == .decoding)
    }

    @Test func doubles() throws {
        for v in [
            0.0, -0.0, 1.5, -1e300, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude,
            Double.infinity, -Double.infinity
        ] {
            #expect(try roundTrip(conn, v) == v)
        }
        #expect(try roundTrip(conn, Double.nan).isNaN)
        #expect(
            try conn.query("SELECT 'NaN'::float8, '-Infinity'::float4").first.map {
                (try $0.decode(0, as: Double.self).isNaN, try $0.decode(1, as: Double.self))
            }! == (true, -Double.infinity))
        #expect(try conn.query("SELECT 0.25::real").first?.decode(0, as: Double.self) == 0.25)
    }

    @Test func booleans() throws {
        #expect(try roundTrip(conn, true) == true)
        #expect(try roundTrip(conn, false) == false)
    }

    @Test func numerics() throws {
        let texts = [
            "123456789012345678901234567890.12345", "-98765432109876543210987654321", "1000000",
            "0.000001", "-0.5", "0", "10000", "0.0001", "12345.6789"
        ]
        for text in texts {
            let d = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            #expect(try roundTrip(conn, d) == d, "\(text)")
            #expect(try roundTrip(conn, d, as: "numeric(60,20)") == d, "\(text) with scale")
        }
        #expect(try roundTrip(conn, Decimal.nan).isNaN)
        // The binary numeric reader must print exactly what the server prints, trailing zeros included.
        let literals = [
            "1.500", "0.000100", "-0.5", "1000000", "0", "0.0", "99999999.99990000", "-0.000001",
            "123456789012345678901234567890.123456789", "1e-20", "-12e30", "NaN", "10000.0001"
        ]
        for literal in literals {
            let row = try #require(conn.query("SELECT $1::numeric, ($1::numeric)::text", [literal]).first)
            #expect(try row.decode(0, as: String.self) == row.decode(1, as: String.self), "\(literal)")
        }
        #expect(try conn.query("SELECT 1.500::numeric").first?.decode(0, as: Decimal.self) == Decimal(string: "1.5"))
    }

    @Test func strings() throws {
        for v in ["", "plain", "Привет, мир", "Школа №5 «Ромашка»", "👩‍🏫🎓✨", "quote ' and \" and \\ backslash", "multi\nline"] {
            #expect(try roundTrip(conn, v) == v)
            #expect(try roundTrip(conn, v, as: "varchar") == v)
        }
        let row = try #require(conn.query("SELECT $1::text, $2::text", ["", nil as String?]).first)
        #expect(try row.decode(0, as: String?.self) == "")
        #expect(try row.decode(1, as: String?.self) == nil)
        #expect(throws: PQError.self) { try conn.query("SELECT $1", ["nul\u{0}inside"]) }
    }

    @Test func bytes() throws {
        let data = PQBytes([0, 1, 0, 255, 0, 0])
        #expect(try roundTrip(conn, data) == data)
        #expect(try roundTrip(conn, PQBytes([])) == PQBytes([]))
        #expect(try conn.query("SELECT length($1::bytea)", [data]).first?.decode(0, as: Int.self) == 6)
        #expect(try roundTrip(conn, Data([0, 9, 0])) == Data([0, 9, 0]))
    }

    @Test func uuids() throws {
        let id = UUID()
        #expect(try roundTrip(conn, id) == id)
        #expect(try conn.query("SELECT $1::uuid::text", [id]).first?.decode(0, as: String.self) == id.uuidString.lowercased())
    }

    @Test func calendarDates() throws {
        let dates = [
            PQDate(year: 1, month: 1, day: 1), PQDate(year: 1812, month: 9, day: 7), PQDate(year: 1899, month: 12, day: 31),
            PQDate(year: 1970, month: 1, day: 1), PQDate(year: 2000, month: 1, day: 1), PQDate(year: 2024, month: 2, day: 29),
            PQDate(year: 2101, month: 3, day: 1), PQDate(year: 9999, month: 12, day: 31)
        ]
        for d in dates {
            #expect(try roundTrip(conn, d) == d)
            #expect(try conn.query("SELECT $1::date::text", [d]).first?.decode(0, as: String.self) == d.description)
            #expect(try conn.query("SELECT $1::text::date", [d.description]).first?.decode(0, as: PQDate.self) == d)
        }
        // A date is a calendar day whatever the session zone says.
        try conn.executeScript("SET TimeZone = 'Asia/Tomsk'")
        #expect(try conn.query("SELECT '2024-11-02'::date").first?.decode(0, as: PQDate.self) == PQDate(year: 2024, month: 11, day: 2))
        try conn.executeScript("RESET TimeZone")
    }

    @Test func instants() throws {
        let instants = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_730_000_000.123456),
            Date(timeIntervalSince1970: -2_500_000_000), Date(timeIntervalSince1970: 4_200_000_000.5)
        ]
        for zone in ["UTC", "Asia/Tomsk"] {
            try conn.query("SELECT set_config('TimeZone', $1, false)", [zone])
            for instant in instants {
                let back = try roundTrip(conn, instant)
                #expect(abs(back.timeIntervalSince1970 - instant.timeIntervalSince1970) < 1e-6)
            }
            let read = try #require(conn.query("SELECT '2024-11-02 23:59:59+07'::timestamptz").first).decode(0, as: Date.self)
            #expect(read == Date(timeIntervalSince1970: 1_730_566_799))
        }
        try conn.executeScript("SET TimeZone = 'Asia/Tomsk'")
        let shown = try conn.query("SELECT $1::timestamptz::text", [Date(timeIntervalSince1970: 0)]).first?.decode(0, as: String.self)
        #expect(shown == "1970-01-01 07:00:00+07")
        try conn.executeScript("RESET TimeZone")
    }

    @Test func arrays() throws {
        #expect(try roundTrip(conn, [Int64.min, 0, Int64.max]) == [Int64.min, 0, Int64.max])
        #expect(try roundTrip(conn, [Int?]([1, nil, 3])) == [1, nil, 3])
        #expect(try roundTrip(conn, [Int32]()) == [])
        let strings: [String?] = ["a,b", "{braces}", "quote\"d", "back\\slash", nil, "", "NULL", "Привет 👋"]
        #expect(try roundTrip(conn, strings) == strings)
        #expect(
            try conn.query("SELECT array_length($1, 1), $1[5] IS NULL, $1[7]", [strings]).first.map {
                (try $0.decode(0, as: Int.self), try $0.decode(1, as: Bool.self), try $0.decode(2, as: String.self))
            }! == (8, true, "NULL"))
        let decimals = [Decimal(string: "0.000001")!, Decimal(string: "-0.5")!, Decimal(1_000_000)]
        #expect(try roundTrip(conn, decimals) == decimals)
        let dates = [PQDate(year: 1850, month: 1, day: 2), PQDate(year: 2200, month: 12, day: 31)]
        #expect(try roundTrip(conn, dates) == dates)
        let ids = [UUID(), UUID()]
        #expect(try roundTrip(conn, ids) == ids)
        #expect(try roundTrip(conn, [true, false]) == [true, false])
        #expect(try roundTrip(conn, [1.5, -Double.infinity]) == [1.5, -Double.infinity])
        #expect(try conn.query("SELECT ARRAY[[1,2],[3,4]]").first?.decode(0, as: [Int].self) == [1, 2, 3, 4])
        let list: [Int] = [3, 5]
        #expect(try conn.query("SELECT count(*) FROM generate_series(1, 9) g WHERE g = ANY($1)", [list]).first?.decode(0, as: Int.self) == 2)
    }

    struct Award: Codable, Equatable {
        var title: String
        var degree: Int?
        var tags: [String]
        var nested: [String: [Int]]
    }

    @Test func json() throws {
        let award = Award(title: "Диплом I степени 🥇", degree: 1, tags: ["math", "\"quoted\""], nested: ["a": [1, 2], "b": []])
        #expect(try roundTrip(conn, PQJSON(award), as: "jsonb").value == award)
        #expect(try roundTrip(conn, PQJSON(award), as: "json").value == award)
        let other = Award(title: "x", degree: nil, tags: [], nested: [:])
        #expect(try roundTrip(conn, [PQJSON(award), PQJSON(other)], as: "jsonb[]").map(\.value) == [award, other])
        #expect(try conn.query("SELECT $1::jsonb -> 'nested' -> 'a' -> 1", [PQJSON(award)]).first?.decode(0, as: String.self) == "2")
    }

    @Test func optionalsAndNull() throws {
        let row = try #require(conn.query("SELECT NULL::int AS n, $1::int8 AS m", [nil as Int64?]).first)
        #expect(try row.decode("n", as: Int?.self) == nil)
        #expect(try row.decode("m", as: Int64?.self) == nil)
        let error = try #require(pqError { _ = try row.decode("n", as: Int.self) })
        #expect(error.kind == .decoding)
        #expect(error.message.contains("\"n\""))
        #expect(error.message.contains("Optional"))
    }

    @Test func mismatchNamesColumnAndTypes() throws {
        let row = try #require(conn.query("SELECT 'x'::text AS label").first)
        let error = try #require(pqError { _ = try row.decode("label", as: Int.self) })
        #expect(error.kind == .decoding)
        #expect(error.column == "label")
        #expect(error.message.contains("label") && error.message.contains("text") && error.message.contains("Int"))
    }

    @Test func userTypesAdoptByRawValue() throws {
        #expect(try roundTrip(conn, Mood.curious) == .curious)
        #expect(try roundTrip(conn, PupilID(rawValue: 77)) == PupilID(rawValue: 77))
        try conn.executeScript("CREATE TYPE mood AS ENUM ('calm', 'curious'); CREATE TABLE moods (m mood)")
        try conn.execute("INSERT INTO moods VALUES ($1)", [Mood.calm])
        #expect(try conn.query("SELECT m FROM moods").first?.decode(0, as: Mood.self) == .calm)
        let error = pqError { _ = try conn.query("SELECT 'angry'::text").first?.decode(0, as: Mood.self) }
        #expect(error?.kind == .decoding)
    }

    @Test func tableRoundTrip() throws {
        try conn.executeScript(
            """
            CREATE TABLE everything (i2 smallint, i4 int, i8 bigint, f float8, b bool, t text, n numeric, u uuid,
              d date, ts timestamptz, bin bytea, arr int[], j jsonb)
            """)
        let id = UUID(), when = Date(timeIntervalSince1970: 1_700_000_000.25)
        try conn.execute(
            "INSERT INTO everything VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
            [
                Int16(-2), Int32(4), Int64(8), 0.5, true, "текст", Decimal(string: "12.50")!, id,
                PQDate(year: 1905, month: 6, day: 30), when, PQBytes([0, 0]), [1, 2] as [Int32], PQJSON(["k": "v"])
            ])
        try conn.execute("INSERT INTO everything DEFAULT VALUES")
        let rows = try conn.query("SELECT * FROM everything ORDER BY i2 NULLS LAST")
        #expect(rows.count == 2)
        let r = rows[0]
        #expect(try r.decode("i2", as: Int16.self) == -2)
        #expect(try r.decode("i4", as: Int32.self) == 4)
        #expect(try r.decode("i8", as: Int64.self) == 8)
        #expect(try r.decode("f", as: Double.self) == 0.5)
        #expect(try r.decode("b", as: Bool.self))
        #expect(try r.decode("t", as: String.self) == "текст")
        #expect(try r.decode("n", as: Decimal.self) == Decimal(string: "12.5"))
        #expect(try r.decode("u", as: UUID.self) == id)
        #expect(try r.decode("d", as: PQDate.self) == PQDate(year: 1905, month: 6, day: 30))
        #expect(try r.decode("ts", as: Date.self) == when)
        #expect(try r.decode("bin", as: PQBytes.self) == PQBytes([0, 0]))
        #expect(try r.decode("arr", as: [Int32].self) == [1, 2])
        #expect(try r.decode("j", as: PQJSON<[String: String]>.self).value == ["k": "v"])
        for c in 0..<13 { #expect(rows[1].isNull(c)) }
    }
}
