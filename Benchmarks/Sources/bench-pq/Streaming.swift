import PQ

enum PQStreaming {
    /// Streams a query's rows in batches through a server-side cursor, so memory stays flat
    /// whatever the row count (PQ-API.md offers no row-at-a-time query of its own).
    static func forEachRow(
        _ conn: PQConnection, _ sql: String, _ params: [any PQEncodable], batch: Int = 10_000,
        _ body: (PQRow) throws -> Void
    ) throws {
        try conn.transaction { conn in
            _ = try conn.execute("DECLARE bench_stream NO SCROLL CURSOR FOR \(sql)", params)
            while true {
                var got = 0
                for row in try conn.query("FETCH \(batch) FROM bench_stream") {
                    try body(row)
                    got += 1
                }
                if got < batch { break }
            }
        }
    }
}
