import Foundation
import PQ
import Testing

@Suite struct CopyTests {
    let conn: PQConnection
    init() throws {
        conn = try SuiteDatabase.connect("copy", setup: "CREATE TABLE staging (id int, name text)")
    }

    private func table() throws -> String {
        let name = "t_\(UInt32.random(in: 0...UInt32.max))"
        try conn.executeScript("CREATE TABLE \(name) (id int, name text)")
        return name
    }

    @Test func copyInWithWriterCSV() throws {
        let t = try table()
        let loaded = try conn.copyIn("COPY \(t) FROM STDIN (FORMAT csv)") { writer in
            for i in 1...1000 { try writer.write("\(i),\"Имя, \(i)\"\n") }
        }
        #expect(loaded == 1000)
        #expect(try conn.query("SELECT name FROM \(t) WHERE id = 7").first?.decode(0, as: String.self) == "Имя, 7")
    }

    @Test func copyInFromChunksText() throws {
        let t = try table()
        let chunks = (0..<10).lazy.map { n in Array((0..<100).map { "\(n * 100 + $0)\trow\\t\($0)\n" }.joined().utf8) }
        #expect(try conn.copyIn("COPY \(t) FROM STDIN", chunks: chunks) == 1000)
        #expect(try conn.query("SELECT name FROM \(t) WHERE id = 5").first?.decode(0, as: String.self) == "row\t5")
    }

    @Test func errorMidCopyAbortsAndConnectionStaysUsable() throws {
        let t = try table()
        struct SourceBroke: Error {}
        #expect(throws: SourceBroke.self) {
            try conn.copyIn("COPY \(t) FROM STDIN (FORMAT csv)") { writer in
                try writer.write("1,a\n2,b\n")
                throw SourceBroke()
            }
        }
        #expect(try conn.query("SELECT count(*) FROM \(t)").first?.decode(0, as: Int.self) == 0)
        // Bad data is the server's error, reported at the end; still nothing loaded.
        let error = pqError { try conn.copyIn("COPY \(t) FROM STDIN (FORMAT csv)") { try $0.write("1,a\nnot-a-number,b\n") } }
        #expect(error?.sqlState == .invalidTextRepresentation)
        #expect(try conn.query("SELECT count(*) FROM \(t)").first?.decode(0, as: Int.self) == 0)
        // Inside a transaction the abort rolls back only what the caller decides.
        #expect(try conn.copyIn("COPY \(t) FROM STDIN (FORMAT csv)") { try $0.write("9,z\n") } == 1)
        #expect(!conn.isInTransaction)
    }

    @Test func copyOutChunksAndRows() throws {
        let t = try table()
        try conn.execute("INSERT INTO \(t) SELECT g, 'line ' || g FROM generate_series(1, 20000) g")
        var bytes = 0, chunks = 0
        let rows = try conn.copyOut("COPY \(t) TO STDOUT (FORMAT csv)", chunkSize: 16 * 1024) { chunk in
            bytes += chunk.count
            chunks += 1
            #expect(chunk.count < 64 * 1024)
        }
        #expect(rows == 20000)
        #expect(chunks > 1)
        let expected: Int = try conn.query("SELECT sum(length(id::text || ',' || name) + 1)::int8 FROM \(t)").first!.decode(0)
        #expect(bytes == expected)

        try conn.execute("INSERT INTO \(t) VALUES (0, $1)", ["two\nlines, \"quoted\""])
        var lines: [String] = []
        try conn.copyOutRows("COPY (SELECT * FROM \(t) WHERE id = 0) TO STDOUT (FORMAT csv)") { lines.append(String(decoding: $0, as: UTF8.self)) }
        #expect(lines == ["0,\"two\nlines, \"\"quoted\"\"\"\n"])
    }

    @Test func copyOutBodyErrorKeepsConnection() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try conn.copyOutRows("COPY (SELECT generate_series(1, 5000000)) TO STDOUT") { _ in throw Stop() }
        }
        #expect(try conn.query("SELECT 3").first?.decode(0, as: Int.self) == 3)
    }

    @Test func asyncSequenceIntoPool() async throws {
        let t = try table()
        let pool = PQPool(configuration: try SuiteDatabase.config("copy"), size: 2)
        let stream = AsyncStream<[UInt8]> { continuation in
            for n in 0..<200 { continuation.yield(Array((0..<50).map { "\(n * 50 + $0),n\($0)\n" }.joined().utf8)) }
            continuation.finish()
        }
        #expect(try await pool.copyIn("COPY \(t) FROM STDIN (FORMAT csv)", from: stream) == 10_000)
        struct Broken: Error {}
        let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array("1,a\n".utf8))
            continuation.finish(throwing: Broken())
        }
        await #expect(throws: Broken.self) { try await pool.copyIn("COPY \(t) FROM STDIN (FORMAT csv)", from: failing) }
        #expect(try await pool.withConnection { try $0.query("SELECT count(*) FROM \(t)").first!.decode(0, as: Int.self) } == 10_000)
        await pool.shutdown()
    }
}

@Suite struct CopyMisuseTests {
    @Test func copyThroughQueryIsRefusedAndConnectionRecovers() throws {
        let conn = try SuiteDatabase.connect("copy-misuse", setup: "CREATE TABLE t (n int)")
        #expect(throws: PQError.self) { try conn.execute("COPY t FROM STDIN") }
        #expect(throws: PQError.self) { try conn.query("COPY (SELECT generate_series(1, 1000)) TO STDOUT") }
        #expect(try conn.query("SELECT count(*) FROM t").first?.decode(0, as: Int.self) == 0)
    }
}

@Suite struct PoolCopyOutTests {
    @Test func streamsChunksAsAsyncSequence() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("copy-out-async"), size: 1)
        var bytes = 0, chunks = 0
        for try await chunk in pool.copyOut("COPY (SELECT g, 'row ' || g FROM generate_series(1, 100000) g) TO STDOUT", chunkSize: 8192) {
            bytes += chunk.count
            chunks += 1
        }
        let expected: Int = try await pool.withConnection {
            try $0.query("SELECT sum(length(g::text || E'\trow ' || g) + 1)::int8 FROM generate_series(1, 100000) g").first!.decode(0)
        }
        #expect(bytes == expected)
        #expect(chunks > 10)
        await pool.shutdown()
    }

    @Test func stoppingEarlyCancelsTheCopyAndFreesTheConnection() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("copy-out-async"), size: 1)
        var taken = 0
        for try await _ in pool.copyOut("COPY (SELECT generate_series(1, 50000000)) TO STDOUT", chunkSize: 1024) {
            taken += 1
            if taken == 3 { break }
        }
        #expect(taken == 3)
        // The only connection comes back once the COPY has been cancelled.
        #expect(try await pool.withConnection { try $0.query("SELECT 9").first!.decode(0, as: Int.self) } == 9)
        await pool.shutdown()
    }

    @Test func serverErrorReachesTheConsumer() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("copy-out-async"), size: 1)
        await #expect(throws: PQError.self) {
            for try await _ in pool.copyOut("COPY (SELECT 1 / (g - 5000) FROM generate_series(1, 10000) g) TO STDOUT") {}
        }
        await pool.shutdown()
    }
}
