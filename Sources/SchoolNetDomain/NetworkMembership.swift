/// A network agreement (договор о сетевом взаимодействии): the organisation is a member from `since`, until `until` if ended.
public struct NetworkMembership: Sendable, Hashable, Codable {
    public var since: LocalDate
    public var until: LocalDate?

    public init(since: LocalDate, until: LocalDate? = nil) {
        self.since = since
        self.until = until
    }

    /// Whether the agreement is in force on `date`; both ends are inclusive.
    public func covers(_ date: LocalDate) -> Bool {
        since <= date && (until.map { date <= $0 } ?? true)
    }

    /// Whether the organisation counts as a member in `year`: the agreement is in force on any day of it.
    public func covers(_ year: SchoolYear) -> Bool {
        since <= year.lastDay && (until.map { year.firstDay <= $0 } ?? true)
    }

    /// Whether any of `agreements` covers `date`.
    public static func isMember(_ agreements: [NetworkMembership], on date: LocalDate) -> Bool {
        agreements.contains { $0.covers(date) }
    }
}
