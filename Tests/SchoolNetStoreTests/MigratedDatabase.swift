import Foundation
import PQ
import SchoolNetStore
import SchoolNetTestSupport

/// Fresh databases for the store's tests: empty, or migrated with the embedded migrations.
enum MigratedDatabase {
    static func empty(_ label: String) throws -> PQConfiguration {
        try TestDatabase.fresh(label)
    }

    static func migrated(_ label: String, setup: String? = nil) throws -> PQConfiguration {
        let config = try TestDatabase.fresh(label)
        let conn = try PQConnection(config)
        try Migrator().migrate(conn)
        if let setup { try conn.executeScript(setup) }
        return config
    }

    /// One migrated database per label for the whole test run, created on first use.
    static func shared(_ label: String, setup: String? = nil) throws -> PQConfiguration {
        try TestDatabase.once(label) { try migrated(label, setup: setup) }
    }
}
