// Keys of the judging tables, wrapped like the other ids so they can't be mixed up.

/// A key of the `result` table.
public struct ResultID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `jury_assignment` table.
public struct JuryAssignmentID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
