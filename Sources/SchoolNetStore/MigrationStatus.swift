import Foundation

/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Recorded with the checksum of the file as it is now.
        case applied
        /// Not recorded yet: the next `migrate` applies it.
        case pending
        /// Recorded, but the file has changed since: `migrate` refuses to run.
        case changed
        /// Recorded, but this build has no such file (the database is newer than the code).
        case unknown
    }

    public let name: String
    public let state: State
    public let appliedAt: Date?

    public init(name: String, state: State, appliedAt: Date?) {
        self.name = name
        self.state = state
        self.appliedAt = appliedAt
    }
}
