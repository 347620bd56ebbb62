import Foundation
import PQ
import SchoolNetTestSupport

/// One fresh database per suite label, created on first use and shared by that suite's tests.
enum SuiteDatabase {
    /// The suite's database; `setup` runs once, when it is created (parallel tests must not race on DDL).
    static func config(_ label: String, setup: String? = nil) throws -> PQConfiguration {
        try TestDatabase.once(label) {
            let config = try TestDatabase.fresh(label)
            if let setup { try PQConnection(config).executeScript(setup) }
            return config
        }
    }

    static func connect(_ label: String, setup: String? = nil) throws -> PQConnection {
        try PQConnection(try config(label, setup: setup))
    }
}

/// Resident set size of this process in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Asserts `body` throws a PQError and returns it.
func pqError(_ body: () throws -> Void) -> PQError? {
    do {
        try body()
        return nil
    } catch let error as PQError {
        return error
    } catch {
        return nil
    }
}
