import Foundation
import PQ

/// The test database the suites share a server with; every suite works in a database of its own.
public enum TestDatabase {
    /// SCHOOLNET_TEST_DATABASE_URL, set by scripts/test; a missing one fails loudly, never skips.
    public static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SCHOOLNET_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestDatabaseError.missing
        }
        return url
    }

    /// A configuration for the server's own test database (shared: only for read-only checks).
    public static func configuration() throws -> PQConfiguration {
        var config = PQConfiguration(try url())
        config.applicationName = "schoolnet-tests"
        config.connectTimeout = 10
        return config
    }

    /// Creates a brand-new, uniquely named database (optionally cloned from `template`) and returns
    /// a configuration for it, so suites run in parallel without seeing each other's rows.
    public static func fresh(_ label: String, template: String? = nil) throws -> PQConfiguration {
        let admin = try PQConnection(try configuration())
        let name = uniqueName(label)
        var sql = "CREATE DATABASE \(try admin.escapeIdentifier(name))"
        if let template { sql += " TEMPLATE \(try admin.escapeIdentifier(template))" }
        try admin.executeScript(sql)
        var config = try configuration()
        config.database = name
        return config
    }

    private static let counter = Counter()

    static func uniqueName(_ label: String) -> String {
        let clean = label.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber ? $0 : "_" }
        let n = counter.next()
        let suffix = "_\(getpid())_\(n)_\(UInt32.random(in: 0...UInt32.max))"
        return "t_" + String(String(clean).prefix(63 - 2 - suffix.count)) + suffix
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
    case missing
    public var description: String {
        "no test database: run scripts/test (SCHOOLNET_TEST_DATABASE_URL is not set)"
    }
}
