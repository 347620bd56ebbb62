import Foundation
import PQ
import SchoolNetDomain

/// The public catalogue: events with their organiser's and module's names and the places taken now, read from
/// `application_tally` (the row the database itself counts places on, so the catalogue and a refusal agree).
extension EventRepository {
    static let catalogueColumns = """
        \(columns), coalesce(o.short_name, o.full_name) AS organiser_name, m.name AS module_name,
        coalesce(t.active, 0) AS places_taken
        """

    static let catalogueFrom = """
        \(from)
        JOIN organisation o ON o.id = e.organiser_id
        LEFT JOIN programme_module m ON m.id = e.module_id
        LEFT JOIN application_tally t ON t.event_id = e.id AND t.organisation_id IS NULL
        """

    /// The events of school years `years` that pass `filter`: those not over by `today` first, soonest first, then
    /// the finished ones, latest first.
    public func catalogue(
        _ filter: CatalogueFilter, years: ClosedRange<SchoolYear>, today: LocalDate, on conn: PQConnection
    ) throws -> [CatalogueEntry] {
        try conn.query(
            """
            SELECT \(Self.catalogueColumns) FROM \(Self.catalogueFrom)
            WHERE y.start_year BETWEEN $1 AND $2
              AND ($3::bigint IS NULL OR e.module_id = $3)
              AND ($4::text IS NULL
                   OR ($4 = 'teachers' AND e.allow_teachers)
                   OR ($4 = 'pupils' AND (e.allow_pupils OR e.allow_preschoolers OR e.allow_students)))
              AND ($5::integer IS NULL
                   OR (e.allow_pupils AND $5 BETWEEN coalesce(e.grade_min, 0) AND coalesce(e.grade_max, 11)))
            ORDER BY e.ends_on < $6, CASE WHEN e.ends_on >= $6 THEN e.starts_on END, e.starts_on DESC, e.id
            """, [years.lowerBound.startYear, years.upperBound.startYear, filter.moduleID, filter.audience, filter.grade, today]
        ).map(catalogueEntry)
    }

    /// One event as the catalogue shows it; nil when there is none.
    public func catalogueEntry(_ id: EventID, on conn: PQConnection) throws -> CatalogueEntry? {
        try conn.query("SELECT \(Self.catalogueColumns) FROM \(Self.catalogueFrom) WHERE e.id = $1", [id]).first.map(catalogueEntry)
    }

    private func catalogueEntry(_ row: PQRow) throws -> CatalogueEntry {
        CatalogueEntry(
            event: try event(row), organiserName: try row.decode("organiser_name"), moduleName: try row.decode("module_name"),
            placesTaken: try row.decode("places_taken"))
    }
}
