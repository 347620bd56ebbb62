import Foundation
import PQ

extension TestDatabase {
    /// The database made for `label` the first time it is asked for; later calls in this test run get the
    /// same one, so a suite's parallel tests share one setup instead of racing on DDL.
    public static func once(_ label: String, _ make: () throws -> PQConfiguration) throws -> PQConfiguration {
        try suiteDatabases.get(label, make)
    }

    private static let suiteDatabases = SuiteCache()

    private final class SuiteCache: @unchecked Sendable {
        private let lock = NSLock()
        private var configs: [String: PQConfiguration] = [:]
        func get(_ label: String, _ make: () throws -> PQConfiguration) throws -> PQConfiguration {
            lock.lock()
            defer { lock.unlock() }
            if let config = configs[label] { return config }
            let config = try make()
            configs[label] = config
            return config
        }
    }
}
