import Foundation
import PQ
import SchoolNetDomain

/// Event rows for the organiser's actions: read (optionally locked FOR UPDATE, which serialises every check-then-write on one event), registration opened/closed by hand, results published.
public struct EventControlRepository: Sendable {
    public init() {}

    private static let columns = """
        id, organiser_id, title, school_year_id, time_zone, registration_opens_at, registration_closes_at,
        closed_early_at, results_published_at
        """

    /// The event, or nil; with `lock` its row stays locked until the transaction ends.
    public func get(_ id: EventID, lock: Bool = false, on conn: PQConnection) throws -> EventControl? {
        let sql = "SELECT \(Self.columns) FROM event WHERE id = $1" + (lock ? " FOR UPDATE" : "")
        guard let row = try conn.query(sql, [id.rawValue]).first else { return nil }
        return EventControl(
            id: EventID(rawValue: try row.decode("id")),
            organiserID: OrganisationID(rawValue: try row.decode("organiser_id")),
            title: try row.decode("title"),
            schoolYearID: try row.decode("school_year_id"),
            timeZone: try row.decode("time_zone"),
            registrationOpensAt: try row.decode("registration_opens_at"),
            registrationClosesAt: try row.decode("registration_closes_at"),
            closedEarlyAt: try row.decode("closed_early_at"),
            resultsPublishedAt: try row.decode("results_published_at")
        )
    }

    /// Sets when registration opens and when (if at all) it was closed by hand.
    public func setRegistration(_ id: EventID, opensAt: Date?, closedEarlyAt: Date?, now: Date, on conn: PQConnection) throws {
        try conn.execute(
            "UPDATE event SET registration_opens_at = $2, closed_early_at = $3, updated_at = $4 WHERE id = $1",
            [id.rawValue, opensAt, closedEarlyAt, now])
    }

    /// Marks the event's results published at `at`.
    public func setResultsPublished(_ id: EventID, at: Date, on conn: PQConnection) throws {
        try conn.execute("UPDATE event SET results_published_at = $2, updated_at = $2 WHERE id = $1", [id.rawValue, at])
    }
}
