import Foundation
import PQ
import Testing

@Suite struct StatementCacheTests {
    @Test func preparesOncePerStatementAndParameterTypes() throws {
        let conn = try SuiteDatabase.connect("cache")
        for i in 0..<5 { try conn.query("SELECT $1::int8 + 1", [i]) }
        #expect(conn.cachedStatementCount == 1)
        let prepared: Int = try conn.query("SELECT count(*) FROM pg_prepared_statements").first!.decode(0)
        #expect(prepared == 2)  // ours plus the count query itself
        // The same text with other parameter types is a separate statement, not a binary mismatch.
        #expect(try conn.query("SELECT $1::int8 + 1", [Int32(4)]).first?.decode(0, as: Int.self) == 5)
        #expect(try conn.query("SELECT $1::int8 + 1", [nil as Int?]).first?.decode(0, as: Int?.self) == nil)
    }

    /// The trap `.perCall` avoids: a cached statement's generic plan, made while its table was empty, stays a sequential
    /// scan after the table grows (until an ANALYZE); the same statement planned per call uses the index, and is not
    /// kept in the cache.
    @Test func aPerCallStatementIsPlannedForTheTableAsItIsNow() throws {
        let conn = try SuiteDatabase.connect("cache")
        // a TEMP table: autovacuum never analyses it behind the test's back
        try conn.executeScript("CREATE TEMP TABLE growing (id bigint PRIMARY KEY, v text); ANALYZE growing")
        let sql = "SELECT v FROM growing WHERE id = ANY($1)"
        for _ in 0..<8 { try conn.query(sql, [[Int64(1)]]) }
        let cached = conn.cachedStatementCount
        try conn.executeScript("INSERT INTO growing SELECT i, 'x' || i FROM generate_series(1, 200000) i")
        let name = try #require(
            try conn.query("SELECT name::text FROM pg_prepared_statements WHERE statement = $1", [sql]).first?.decode(0, as: String.self))
        let kept = try conn.query("EXPLAIN EXECUTE \(name)('{5}')").map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
        #expect(kept.contains("Seq Scan on growing"), "\(kept)")
        let fresh = try conn.query("EXPLAIN " + sql, [[Int64(5)]], planning: .perCall).map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
        #expect(fresh.contains("Index Scan") || fresh.contains("Bitmap Index Scan"), "\(fresh)")
        #expect(try conn.query(sql, [[Int64(5)]], planning: .perCall).first?.decode(0, as: String.self) == "x5")
        #expect(try conn.execute("UPDATE growing SET v = 'y' WHERE id = ANY($1)", [[Int64(6), 7]], planning: .perCall) == 2)
        #expect(conn.cachedStatementCount == cached + 2, "the test's two look-ups (pg_prepared_statements, EXPLAIN EXECUTE) only")
    }

    @Test func boundedLRU() throws {
        var config = try SuiteDatabase.config("cache")
        config.statementCacheCapacity = 3
        let conn = try PQConnection(config)
        for i in 0..<10 { try conn.query("SELECT \(i) + $1", [i]) }
        #expect(conn.cachedStatementCount == 3)
        let onServer: Int = try conn.query("SELECT count(*) FROM pg_prepared_statements").first!.decode(0)
        #expect(onServer <= 4)
    }

    @Test func aHitCountsAsARecentUse() throws {
        var config = try SuiteDatabase.config("cache")
        config.statementCacheCapacity = 2
        let conn = try PQConnection(config)
        let a = "SELECT 'a' || $1::text", b = "SELECT 'b' || $1::text", c = "SELECT 'c' || $1::text"
        for sql in [a, b, a, c, a] { try conn.query(sql, ["x"]) }
        // a was used after b, so c's arrival evicted b (deallocated once the next statement is prepared).
        let prepared: [String] = try conn.query("SELECT statement FROM pg_prepared_statements").decode(String.self)
        #expect(prepared.contains(a))
        #expect(!prepared.contains(b))
        #expect(conn.cachedStatementCount == 2)
    }

    @Test func capacityZeroPreparesNothing() throws {
        var config = try SuiteDatabase.config("cache")
        config.statementCacheCapacity = 0
        let conn = try PQConnection(config)
        for i in 0..<3 { try conn.query("SELECT $1::int8", [i]) }
        #expect(conn.cachedStatementCount == 0)
        #expect(try conn.query("SELECT count(*) FROM pg_prepared_statements").first?.decode(0, as: Int.self) == 0)
    }

    @Test func survivesRollbackErrorsAndDiscard() throws {
        let conn = try SuiteDatabase.connect("cache")
        _ = try? conn.transaction { c in
            try c.query("SELECT $1::int", [Int32(1)])
            throw PQError(kind: .other, message: "rollback please")
        }
        // Prepared statements outlive the rollback, and the cache still matches the server.
        #expect(try conn.query("SELECT $1::int", [Int32(2)]).first?.decode(0, as: Int.self) == 2)
        _ = try? conn.transaction { c in
            _ = try? c.query("SELECT 1/0")
            try c.query("SELECT $1::int", [Int32(3)])  // fails: the transaction is aborted
        }
        #expect(try conn.query("SELECT $1::int", [Int32(4)]).first?.decode(0, as: Int.self) == 4)
        // DISCARD ALL (what a pooler may do) drops server statements: the stale entry is forgotten.
        try conn.executeScript("DISCARD ALL")
        #expect(throws: PQError.self) { try conn.query("SELECT $1::int", [Int32(5)]) }
        #expect(try conn.query("SELECT $1::int", [Int32(6)]).first?.decode(0, as: Int.self) == 6)
    }

    @Test func schemaChangeInvalidatesPlan() throws {
        let conn = try SuiteDatabase.connect("cache")
        let table = "shape_\(UInt32.random(in: 0...UInt32.max))"
        try conn.executeScript("CREATE TABLE \(table) (a int)")
        try conn.query("SELECT * FROM \(table) WHERE a = $1", [Int32(1)])
        try conn.executeScript("ALTER TABLE \(table) ADD COLUMN b int")
        _ = try? conn.query("SELECT * FROM \(table) WHERE a = $1", [Int32(1)])
        #expect(try conn.query("SELECT * FROM \(table) WHERE a = $1", [Int32(1)]).columns == ["a", "b"])
    }
}
