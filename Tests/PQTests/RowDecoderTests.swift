import Foundation
import PQ
import Testing

@Suite struct RowDecoderTests {
    let conn: PQConnection
    init() throws { conn = try SuiteDatabase.connect("rows") }

    enum Status: String, Decodable { case draft, submitted }
    struct Meta: Codable, Equatable { var rooms: [Int] }

    struct Organisation: Decodable, Equatable {
        var id: Int64
        var shortName: String?
        var fullName: String
        var foundedOn: PQDate
        var status: Status
        var meta: Meta
        var scores: [Int?]
    }

    @Test func decodesStructsBySnakeCaseColumns() throws {
        let rows = try conn.query(
            """
            SELECT 1::int8 AS id, NULL::text AS short_name, 'Лицей №1' AS full_name, '1899-09-01'::date AS founded_on,
                   'submitted' AS status, '{"rooms":[1,2]}'::jsonb AS meta, ARRAY[1,NULL] AS scores
            UNION ALL
            SELECT 2, 'L2', 'Лицей №2', '2101-01-01', 'draft', '{"rooms":[]}', '{}'
            """)
        let orgs = try rows.decode(Organisation.self)
        #expect(
            orgs == [
                Organisation(
                    id: 1, shortName: nil, fullName: "Лицей №1", foundedOn: PQDate(year: 1899, month: 9, day: 1),
                    status: .submitted, meta: Meta(rooms: [1, 2]), scores: [1, nil]),
                Organisation(
                    id: 2, shortName: "L2", fullName: "Лицей №2", foundedOn: PQDate(year: 2101, month: 1, day: 1),
                    status: .draft, meta: Meta(rooms: []), scores: [])
            ])
        #expect(try rows.first?.decode(Organisation.self).id == 1)
    }

    @Test func byIndexAndName() throws {
        let row = try #require(conn.query("SELECT 5 AS five, 'x' AS ex").first)
        #expect(try row.decode(0, as: Int.self) == 5)
        #expect(try row.decode("ex", as: String.self) == "x")
        let five: Int32 = try row.decode("five")
        #expect(five == 5)
        #expect(throws: PQError.self) { try row.decode("missing", as: Int.self) }
        #expect(throws: PQError.self) { try row.decode(9, as: Int.self) }
    }

    @Test func nullIntoNonOptionalPropertyNamesColumn() throws {
        struct Pupil: Decodable { var firstName: String }
        let error = try #require(pqError { _ = try conn.query("SELECT NULL::text AS first_name").first?.decode(Pupil.self) })
        #expect(error.kind == .decoding)
        #expect(error.message.contains("first_name"))
    }

    @Test func mismatchInStructNamesColumnPostgresTypeAndSwiftType() throws {
        struct Pupil: Decodable { var age: Int }
        let error = try #require(pqError { _ = try conn.query("SELECT 'seven'::text AS age").first?.decode(Pupil.self) })
        #expect(error.kind == .decoding)
        #expect(error.message.contains("\"age\"") && error.message.contains("text") && error.message.contains("Int"))
    }

    @Test func singleColumnRowsDecodeAsValues() throws {
        #expect(try conn.query("SELECT generate_series(1, 3)::int8").decode(Int64.self) == [1, 2, 3])
    }

    @Test func missingColumnForOptionalIsNil() throws {
        struct Partial: Decodable { var id: Int; var nickname: String? }
        #expect(try conn.query("SELECT 3 AS id").first?.decode(Partial.self).nickname == nil)
    }
}
