import Testing
@testable import SchoolNetStore

@Suite struct EmbeddedSQLTests {
    @Test func migrationsEqualTheFilesInSQL() throws {
        let files = try SQLFiles.files("migrations")
        #expect(!files.isEmpty)
        #expect(EmbeddedSQL.migrations.map(\.name) == files.map(\.name), "run scripts/embed-sql")
        for (embedded, file) in zip(EmbeddedSQL.migrations, files) {
            #expect(embedded.sql == file.text, "\(file.name) differs from its embedded copy: run scripts/embed-sql")
        }
    }

    @Test func analyticsEqualTheFilesInSQL() throws {
        let files = try SQLFiles.files("analytics")
        #expect(EmbeddedSQL.analytics.map(\.name) == files.map(\.name), "run scripts/embed-sql")
        for (embedded, file) in zip(EmbeddedSQL.analytics, files) {
            #expect(embedded.sql == file.text, "\(file.name) differs from its embedded copy: run scripts/embed-sql")
        }
    }

    @Test func migrationNamesAreNumberedInOrder() {
        let names = EmbeddedSQL.migrations.map(\.name)
        #expect(names == names.sorted())
        for (i, name) in names.enumerated() {
            #expect(name.hasPrefix(String(format: "%04d_", i + 1)), "\(name) should be numbered \(i + 1)")
        }
    }
}
