import PQ
import SchoolNetDomain

extension EventCatalogService {
    /// The events of `ids` that exist, by id: one read for a list that names the events of many applications.
    public func events(_ ids: [EventID]) async throws -> [Event] {
        guard !ids.isEmpty else { return [] }
        return try await pool.withTransaction(readOnly: true) { [events] conn in
            try events.get(Array(Set(ids)), on: conn)
        }
    }
}
