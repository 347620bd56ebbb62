import PQ

/// What the reference year (the demo dataset) finds already loaded: its counts, so the loader can tell a
/// finished load from a partial one without writing SQL of its own.
public struct ReferenceYearRepository: Sendable {
    public init() {}

    /// How many of the (title, school year's start) pairs exist as events.
    public func eventCount(titles: [String], startYears: [Int], on conn: PQConnection) throws -> Int {
        let n =
            try conn.query(
                """
                SELECT count(DISTINCT (e.title, y.start_year)) FROM event e JOIN school_year y ON y.id = e.school_year_id
                JOIN unnest($1::text[], $2::int[]) AS d(title, start_year) ON d.title = e.title AND d.start_year = y.start_year
                """, [titles, startYears]
            ).first?.decode(0, as: Int64.self) ?? 0
        return Int(n)
    }

    /// Applications decided (accepted or rejected) whose idempotency key starts with `keyPrefix`.
    public func decidedApplications(keyPrefix: String, on conn: PQConnection) throws -> Int {
        let n =
            try conn.query(
                "SELECT count(*) FROM application WHERE starts_with(idempotency_key, $1) AND status IN ('accepted', 'rejected')",
                [keyPrefix]
            ).first?.decode(0, as: Int64.self) ?? 0
        return Int(n)
    }
}
