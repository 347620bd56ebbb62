// One generic key per table, tagged by the table, so an event id can never be passed where an organisation
// id belongs; the names call sites use (`EventID`, `PersonID`, ...) are typealiases of it.

/// A key (bigint id) of the table `Table` stands for.
public struct TableID<Table>: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A key of the `organisation` table.
public typealias OrganisationID = TableID<OrganisationTable>
public enum OrganisationTable: Sendable {}

/// A key of the `person` table.
public typealias PersonID = TableID<PersonTable>
public enum PersonTable: Sendable {}

/// A key of the `event` table.
public typealias EventID = TableID<EventTable>
public enum EventTable: Sendable {}

/// A key of the `stage` table.
public typealias StageID = TableID<StageTable>
public enum StageTable: Sendable {}

/// A key of the `nomination` table.
public typealias NominationID = TableID<NominationTable>
public enum NominationTable: Sendable {}

/// A key of the `application` table.
public typealias ApplicationID = TableID<ApplicationTable>
public enum ApplicationTable: Sendable {}
