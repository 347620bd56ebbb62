import Foundation
import PQ
import Testing

/// Column types and formats are read once per result (and once per streamed query): every row and
/// column must still decode by its own type.
@Suite struct ColumnTypeTests {
    let conn: PQConnection
    init() throws { conn = try SuiteDatabase.connect("columntypes") }

    private let sql = """
        SELECT i, 'n' || i AS name, CASE WHEN i % 2 = 0 THEN i * 0.5 END AS half
        FROM generate_series(1, 4) AS i ORDER BY i
        """

    @Test func manyRowsDecodeByEachColumnsType() throws {
        let rows = try conn.query(sql)
        #expect(rows.count == 4)
        for (k, row) in rows.enumerated() {
            #expect(try row.decode(0, as: Int32.self) == Int32(k + 1))
            #expect(try row.decode(1, as: String.self) == "n\(k + 1)")
            #expect(try row.decode(2, as: Decimal?.self) == (k % 2 == 1 ? Decimal(k + 1) / 2 : nil))
            // isNull does not check the index; past the last column it answers true, as libpq does.
            #expect(row.isNull(3))
        }
        #expect(pqError { _ = try rows[0].decode(1, as: Int32.self) }?.kind == .decoding)
    }

    @Test func streamedRowsShareOneReading() throws {
        var seen: [String] = []
        let count = try conn.stream(sql) { row in
            let half = try row.decode(2, as: Decimal?.self)
            seen.append("\(try row.decode(0, as: Int32.self)) \(try row.decode(1, as: String.self)) \(half.map { "\($0)" } ?? "nil")")
            #expect(row.isNull(7))
        }
        #expect(count == 4)
        #expect(seen == ["1 n1 nil", "2 n2 1", "3 n3 nil", "4 n4 2"])
    }
}
