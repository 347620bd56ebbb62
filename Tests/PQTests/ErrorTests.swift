import Foundation
import PQ
import Testing

@Suite struct ErrorTests {
    let conn: PQConnection
    init() throws {
        conn = try SuiteDatabase.connect(
            "errors",
            setup: """
                CREATE TABLE IF NOT EXISTS parent (id int PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent,
                  age int CONSTRAINT age_positive CHECK (age > 0));
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                CREATE TABLE IF NOT EXISTS booking (room int, during tstzrange,
                  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
                CREATE TABLE IF NOT EXISTS emails (e text UNIQUE);
                """)
    }

    @Test func constraintKinds() throws {
        let id = Int32.random(in: 1...1_000_000)
        try conn.execute("INSERT INTO parent VALUES ($1)", [id])
        let unique = try #require(pqError { try conn.execute("INSERT INTO parent VALUES ($1)", [id]) })
        #expect(unique.kind == .uniqueViolation)
        #expect(unique.sqlState == .uniqueViolation)
        #expect(unique.constraint == "parent_pkey")
        #expect(unique.table == "parent")
        #expect(unique.detail?.contains("already exists") == true)
        #expect(!"\(unique)".contains("\(id)"))

        let fk = try #require(pqError { try conn.execute("INSERT INTO child VALUES ($1, $2, 1)", [id, Int32(-1)]) })
        #expect(fk.kind == .foreignKeyViolation)
        let check = try #require(pqError { try conn.execute("INSERT INTO child VALUES ($1, $2, -5)", [id, id]) })
        #expect(check.kind == .checkViolation)
        #expect(check.constraint == "age_positive")
        let notNull = try #require(pqError { try conn.execute("INSERT INTO child (id, parent_id) VALUES ($1, NULL)", [id]) })
        #expect(notNull.kind == .notNullViolation)
        #expect(notNull.column == "parent_id")
        let room = Int32.random(in: 1...1_000_000)
        try conn.execute("INSERT INTO booking VALUES ($1, '[2024-01-01,2024-01-05)')", [room])
        let exclusion = try #require(pqError { try conn.execute("INSERT INTO booking VALUES ($1, '[2024-01-03,2024-01-04)')", [room]) })
        #expect(exclusion.kind == .exclusionViolation)
    }

    @Test func syntaxErrorHasPosition() throws {
        let error = try #require(pqError { try conn.query("SELECT 1 FROM nowhere_at_all") })
        #expect(error.kind == .other)
        #expect(error.sqlState == .undefinedTable)
        #expect(error.position == 15)
    }

    @Test func serverRaisedStatesMapToKinds() throws {
        for (code, kind) in [("40001", PQError.Kind.serializationFailure), ("40P01", .deadlock), ("57014", .queryCanceled), ("08006", .connection)] {
            let error = try #require(
                pqError {
                    try conn.executeScript("DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '\(code)', HINT = 'h'; END $$")
                })
            #expect(error.kind == kind)
            #expect(error.sqlState?.rawValue == code)
            #expect(error.hint == "h")
            #expect(error.isRetryable == (kind == .serializationFailure || kind == .deadlock))
        }
    }

    @Test func descriptionNeverShowsParameterValues() throws {
        let secret = "hunter2-секрет"
        let error = try #require(pqError { try conn.query("SELECT $1::int", [secret]) })
        #expect(error.sqlState == .invalidTextRepresentation)
        #expect(!"\(error)".contains(secret))
        let unique = "unique-\(UUID())"
        try conn.execute("INSERT INTO emails VALUES ($1)", [unique])
        let dup = try #require(pqError { try conn.execute("INSERT INTO emails VALUES ($1)", [unique]) })
        #expect(!"\(dup)".contains(unique))
    }

    @Test func generatedSQLStateNames() {
        #expect(SQLState.uniqueViolation.rawValue == "23505")
        #expect(SQLState.serializationFailure.rawValue == "40001")
        #expect(SQLState.deadlockDetected.rawValue == "40P01")
        #expect(SQLState("23503").name == "foreignKeyViolation")
        #expect(SQLState.names.count > 200)
        #expect(PQError.kind(for: SQLState("08001")) == .connection)
    }
}
