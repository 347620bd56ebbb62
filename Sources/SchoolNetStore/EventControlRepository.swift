import Foundation
import PQ
import SchoolNetDomain

/// The organiser's hand on an event's registration window where `EventRepository` has no setter: opening now, earlier than announced or again after an early close. Callers hold the event lock.
public struct EventControlRepository: Sendable {
    public init() {}

    /// Registration takes applications from `at` on: it opens then and any early close is lifted.
    public func openRegistration(_ id: EventID, at: Date, on conn: PQConnection) throws {
        try conn.execute(
            "UPDATE event SET registration_opens_at = $2, closed_early_at = NULL, updated_at = $2 WHERE id = $1",
            [id.rawValue, at])
    }
}
