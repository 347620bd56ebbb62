import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Reading events as schools see them: those taking applications now, and one event with its stages and nominations.
// Events are announcements, not personal data: any authenticated caller may read them, so no caller is taken.
public struct EventCatalogService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let events = EventRepository()

    /// A service over `pool`, reading "now" only from `time`.
    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// Events taking applications now, soonest deadline first.
    public func openEvents(_ filter: EventFilter) async throws -> [Event] {
        let now = time.now()
        return try await pool.withTransaction(readOnly: true) { [events] conn in
            try events.listOpen(filter, at: now, on: conn)
        }
    }

    /// One event with its stages and nominations; nil when there is none.
    public func event(_ id: EventID) async throws -> EventDetails? {
        try await pool.withTransaction(readOnly: true) { [events] conn in
            guard let event = try events.get(id, on: conn) else { return nil }
            return EventDetails(event: event, stages: try events.stages(id, on: conn), nominations: try events.nominations(id, on: conn))
        }
    }

    /// The instant the service considers "now", for answers that say whether registration is open.
    public func now() -> Date { time.now() }
}

/// An event with what a school needs to apply: its stages and nominations.
public struct EventDetails: Sendable, Hashable {
    public var event: Event
    public var stages: [EventStage]
    public var nominations: [Nomination]

    public init(event: Event, stages: [EventStage], nominations: [Nomination]) {
        self.event = event
        self.stages = stages
        self.nominations = nominations
    }
}
