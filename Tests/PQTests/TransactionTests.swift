import Foundation
import PQ
import Testing

private struct Boom: Error {}

@Suite struct TransactionTests {
    let conn: PQConnection
    init() throws {
        conn = try SuiteDatabase.connect("transactions", setup: "CREATE TABLE ledger (tag text, n int)")
    }

    private func count(_ tag: String) throws -> Int {
        try conn.query("SELECT count(*) FROM ledger WHERE tag = $1", [tag]).first!.decode(0)
    }

    @Test func commitsOnReturn() throws {
        let tag = UUID().uuidString
        let value = try conn.transaction { c in
            try c.execute("INSERT INTO ledger VALUES ($1, 1)", [tag])
            return 42
        }
        #expect(value == 42)
        #expect(try count(tag) == 1)
        #expect(!conn.isInTransaction)
    }

    @Test func rollsBackOnThrow() throws {
        let tag = UUID().uuidString
        #expect(throws: Boom.self) {
            try conn.transaction { c in
                try c.execute("INSERT INTO ledger VALUES ($1, 1)", [tag])
                throw Boom()
            }
        }
        #expect(try count(tag) == 0)
        #expect(!conn.isInTransaction)
    }

    @Test func nestedUsesSavepoints() throws {
        let tag = UUID().uuidString
        try conn.transaction { c in
            try c.execute("INSERT INTO ledger VALUES ($1, 1)", [tag])
            _ = try? c.transaction { c in
                try c.execute("INSERT INTO ledger VALUES ($1, 2)", [tag])
                throw Boom()
            }
            // A failed statement inside the savepoint does not doom the outer transaction.
            _ = try? c.transaction { c in try c.execute("INSERT INTO ledger VALUES ($1, 'x')", [tag]) }
            try c.transaction { c in try c.execute("INSERT INTO ledger VALUES ($1, 3)", [tag]) }
        }
        #expect(try conn.query("SELECT n FROM ledger WHERE tag = $1 ORDER BY n", [tag]).decode(Int.self) == [1, 3])
    }

    @Test func isolationLevelsAndReadOnly() throws {
        let level = try conn.transaction(isolation: .serializable) { c in
            try c.query("SHOW transaction_isolation").first!.decode(0, as: String.self)
        }
        #expect(level == "serializable")
        let error = pqError {
            _ = try conn.transaction(readOnly: true) { c in try c.execute("INSERT INTO ledger VALUES ('ro', 1)") }
        }
        #expect(error?.sqlState == .readOnlySqlTransaction)
    }

    @Test func retriesSerializationFailuresAndDeadlocks() throws {
        let tag = UUID().uuidString
        var attempts = 0
        try conn.transaction(isolation: .serializable, retries: 3) { c in
            attempts += 1
            try c.execute("INSERT INTO ledger VALUES ($1, $2)", [tag, Int32(attempts)])
            if attempts == 1 { try c.executeScript("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$") }
            if attempts == 2 { try c.executeScript("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$") }
        }
        #expect(attempts == 3)
        #expect(try conn.query("SELECT n FROM ledger WHERE tag = $1", [tag]).decode(Int.self) == [3])

        var tries = 0
        let error = pqError {
            try conn.transaction(retries: 2) { c in
                tries += 1
                try c.executeScript("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$")
            }
        }
        #expect(error?.kind == .serializationFailure)
        #expect(tries == 3)
    }

    @Test func realSerializationConflictIsRetried() throws {
        let other = try SuiteDatabase.connect("transactions")
        let tag = UUID().uuidString
        try conn.execute("INSERT INTO ledger VALUES ($1, 0)", [tag])
        var attempts = 0
        try conn.transaction(isolation: .serializable, retries: 3) { c in
            attempts += 1
            let n: Int = try c.query("SELECT sum(n) FROM ledger WHERE tag = $1", [tag]).first!.decode(0)
            if attempts == 1 {
                try other.execute("UPDATE ledger SET n = n + 10 WHERE tag = $1", [tag])
            }
            try c.execute("UPDATE ledger SET n = $2 WHERE tag = $1", [tag, Int32(n + 1)])
        }
        #expect(attempts == 2)
        #expect(try conn.query("SELECT n FROM ledger WHERE tag = $1", [tag]).first?.decode(0, as: Int.self) == 11)
    }
}
