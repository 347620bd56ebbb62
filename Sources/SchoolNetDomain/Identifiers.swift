// One wrapper per table key, so an event id can never be passed where an organisation id belongs.

/// A key of the `organisation` table.
public struct OrganisationID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `person` table.
public struct PersonID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `event` table.
public struct EventID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `stage` table.
public struct StageID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `nomination` table.
public struct NominationID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `application` table.
public struct ApplicationID: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
