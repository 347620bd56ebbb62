import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

// The public catalogue (issue 13): announcements for anyone, no caller, like `openEvents`.
extension EventCatalogService {
    /// The school years the catalogue covers at `now`: the current one (by the programme's home zone) and the next.
    public func catalogueYears() -> ClosedRange<SchoolYear> {
        let current = SchoolYear.containing(LocalDate(time.now(), in: RegistrationWindow.defaultTimeZone))
        return current...current.advanced(by: 1)
    }

    /// The current and the coming school year's events that pass `filter`: those not over yet first, soonest first,
    /// then the finished ones, latest first; each with the places taken now.
    public func catalogue(_ filter: CatalogueFilter = CatalogueFilter()) async throws -> [CatalogueEntry] {
        let years = catalogueYears()
        let today = LocalDate(time.now(), in: RegistrationWindow.defaultTimeZone)
        return try await pool.withTransaction(readOnly: true) { [events] conn in
            try events.catalogue(filter, years: years, today: today, on: conn)
        }
    }

    /// One event as its public page shows it, with its stages, nominations and the event it is a section of; nil
    /// when there is none. Any event, of any year: a link to it keeps working.
    public func announcement(_ id: EventID) async throws -> EventAnnouncement? {
        try await pool.withTransaction(readOnly: true) { [events] conn in
            guard let entry = try events.catalogueEntry(id, on: conn) else { return nil }
            let parent = try entry.event.parentEventID.flatMap { try events.get($0, on: conn) }
            return EventAnnouncement(
                entry: entry, stages: try events.stages(id, on: conn), nominations: try events.nominations(id, on: conn), parent: parent)
        }
    }
}

/// An event's public page: the catalogue's entry, its stages and nominations, and the event it is a section of.
public struct EventAnnouncement: Sendable, Hashable {
    public var entry: CatalogueEntry
    public var stages: [EventStage]
    public var nominations: [Nomination]
    public var parent: Event?

    public init(entry: CatalogueEntry, stages: [EventStage], nominations: [Nomination], parent: Event? = nil) {
        self.entry = entry
        self.stages = stages
        self.nominations = nominations
        self.parent = parent
    }

    public var event: Event { entry.event }
}
