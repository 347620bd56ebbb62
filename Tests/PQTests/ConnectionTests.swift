import Foundation
import PQ
import SchoolNetTestSupport
import Testing

@Suite struct ConnectionTests {
    @Test func connectsFromURL() throws {
        let conn = try PQConnection(try TestDatabase.configuration())
        #expect(conn.isConnected)
        let one: Int = try #require(conn.query("SELECT 1").first).decode(0)
        #expect(one == 1)
    }

    @Test func connectsFromKeyValueConninfo() throws {
        let url = try #require(URLComponents(string: try TestDatabase.url()))
        let info = "host=\(url.host!) port=\(url.port!) user=\(url.user!) dbname=\(url.path.dropFirst())"
        let conn = try PQConnection(PQConfiguration(info))
        let db: String = try #require(conn.query("SELECT current_database()").first).decode(0)
        #expect(db == String(url.path.dropFirst()))
    }

    @Test func prefersDatabaseURLThenPGVariables() throws {
        let url = try TestDatabase.url()
        #expect(PQConfiguration.fromEnvironment(["DATABASE_URL": url, "PGHOST": "elsewhere"]).conninfo == url)
        // Without DATABASE_URL the conninfo is empty, so libpq reads PGHOST, PGPORT, ... itself.
        #expect(PQConfiguration.fromEnvironment(["PGHOST": "elsewhere"]).conninfo == "")
    }

    @Test func passesApplicationNameAndDatabaseOverride() throws {
        var config = try SuiteDatabase.config("connection")
        config.applicationName = "pq-tests-app"
        let conn = try PQConnection(config)
        let row = try #require(conn.query("SELECT current_setting('application_name'), current_database()").first)
        #expect(try row.decode(0, as: String.self) == "pq-tests-app")
        #expect(try row.decode(1, as: String.self) == config.database)
    }

    @Test func failedConnectNamesTargetButNotPassword() throws {
        let port = 1  // nothing listens there
        var config = PQConfiguration("postgresql://someone:s3cretPassw0rd@127.0.0.1:\(port)/nowhere")
        config.connectTimeout = 2
        let error = try #require(pqError { _ = try PQConnection(config) })
        #expect(error.kind == .connection)
        let text = "\(error)"
        #expect(text.contains("127.0.0.1"))
        #expect(text.contains("port 1"))
        #expect(text.contains("nowhere"))
        #expect(!text.contains("s3cretPassw0rd"))
        #expect(!"\(config)".contains("s3cretPassw0rd"))
    }

    @Test func passesTLSSettingsToLibpq() throws {
        var config = try TestDatabase.configuration()
        config.sslMode = "require"  // the test server has no TLS, so libpq must refuse
        let error = try #require(pqError { _ = try PQConnection(config) })
        #expect(error.kind == .connection)
        #expect(error.message.lowercased().contains("ssl"))
        config.sslMode = "disable"
        #expect(try PQConnection(config).isConnected)
    }

    @Test func escapesIdentifiers() throws {
        let conn = try SuiteDatabase.connect("connection")
        #expect(try conn.escapeIdentifier("my table") == "\"my table\"")
        #expect(try conn.escapeIdentifier("a\"b") == "\"a\"\"b\"")
        let name = "weird \"name\"; DROP TABLE x"
        try conn.executeScript("CREATE TABLE \(try conn.escapeIdentifier(name)) (id int)")
        #expect(try conn.execute("INSERT INTO \(try conn.escapeIdentifier(name)) VALUES ($1)", [Int32(1)]) == 1)
    }

    @Test func executeReturnsAffectedRows() throws {
        let conn = try SuiteDatabase.connect("connection")
        try conn.executeScript("CREATE TEMP TABLE counts (n int)")
        #expect(try conn.execute("INSERT INTO counts SELECT generate_series(1, $1)", [Int32(7)]) == 7)
        #expect(try conn.execute("UPDATE counts SET n = n + 1 WHERE n > $1", [Int32(4)]) == 3)
        #expect(try conn.execute("DELETE FROM counts") == 7)
    }

    @Test func resetReconnects() throws {
        let conn = try SuiteDatabase.connect("connection")
        let before = conn.backendPID
        try conn.query("SELECT $1::int", [Int32(1)])
        #expect(conn.cachedStatementCount == 1)
        try conn.reset()
        #expect(conn.backendPID != before)
        #expect(conn.cachedStatementCount == 0)
        #expect(try conn.query("SELECT $1::int", [Int32(2)]).first?.decode(0, as: Int.self) == 2)
    }
}
