import PQ
import SchoolNetDomain

/// Organisations, their other spellings and network agreements. Names are matched as
/// PostgreSQL's normalize_name() sees them, so an import that writes a school differently finds
/// the existing row (matchOrCreate) instead of creating a twin; search ranks near matches.
public struct OrganisationRepository: Sendable {
    public init() {}

    /// How close (trigram similarity of normalised names) an unknown spelling must be to an
    /// organisation of the same municipality, with the same numbers, to be taken for it.
    public static let matchThreshold = 0.6

    static let columns = "o.id, o.municipality_id, o.kind, o.legal_form, o.full_name, o.short_name"

    /// Inserts the organisation; a second one with the same normalised name in the municipality
    /// fails with `organisation_name_unique` (use `matchOrCreate` for imports).
    public func create(_ new: NewOrganisation, on conn: PQConnection) throws -> Organisation {
        try organisation(
            try conn.one(
                """
                INSERT INTO organisation AS o (municipality_id, kind, legal_form, full_name, short_name)
                VALUES ($1, $2, $3, $4, $5)
                RETURNING \(Self.columns)
                """, [new.municipalityID, new.kind, new.legalForm, new.fullName, new.shortName]))
    }

    public func get(_ id: OrganisationID, on conn: PQConnection) throws -> Organisation? {
        try conn.query("SELECT \(Self.columns) FROM organisation o WHERE o.id = $1", [id]).first.map(organisation)
    }

    /// The organisation of the municipality whose full name, short name or an alias normalises
    /// to the same words as `name` («МБОУ "Богашевская СОШ им.А.И. Федорова"» = «Богашевская СОШ им. А.И. Фёдорова»).
    public func find(name: String, municipalityID: MunicipalityID, on conn: PQConnection) throws -> Organisation? {
        try conn.query(
            """
            WITH q AS (SELECT normalize_name($2) AS nq)
            SELECT \(Self.columns) FROM organisation o, q
            WHERE o.municipality_id = $1 AND q.nq <> ''
              AND (o.name_norm = q.nq OR o.short_name_norm = q.nq
                   OR EXISTS (SELECT 1 FROM organisation_alias a WHERE a.organisation_id = o.id AND a.alias_norm = q.nq))
            ORDER BY o.name_norm = q.nq DESC, o.id
            LIMIT 1
            """, [municipalityID, name]
        ).first.map(organisation)
    }

    /// The import path: the existing organisation by its normalised full or short name, else the
    /// closest one of the municipality with the same numbers (similarity ≥ `matchThreshold`,
    /// whose new spelling is then kept as an alias), else a new row. Concurrent calls for one
    /// municipality serialise on a transaction-level advisory lock.
    public func matchOrCreate(_ new: NewOrganisation, on conn: PQConnection) throws -> Resolved<Organisation> {
        try conn.transaction { conn in
            try conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('organisation:' || $1::text, 0))", [new.municipalityID])
            for name in [new.fullName, new.shortName].compactMap({ $0 }) {
                if let found = try find(name: name, municipalityID: new.municipalityID, on: conn) {
                    return Resolved(found, created: false)
                }
            }
            if let near = try closest(to: new.fullName, municipalityID: new.municipalityID, on: conn) {
                try addAlias(near.id, new.fullName, on: conn)
                return Resolved(near, created: false)
            }
            return Resolved(try create(new, on: conn), created: true)
        }
    }

    /// The organisation of the municipality most like `name`: same numbers, similar enough.
    func closest(to name: String, municipalityID: MunicipalityID, on conn: PQConnection) throws -> Organisation? {
        try conn.query(
            """
            WITH q AS (
                SELECT nq, ARRAY(SELECT w FROM unnest(string_to_array(nq, ' ')) w WHERE w ~ '^[0-9]+$' ORDER BY w) AS numbers
                FROM (SELECT normalize_name($2) AS nq) s WHERE nq <> ''
            ),
            names AS (
                SELECT o.id, o.name_norm AS norm FROM organisation o WHERE o.municipality_id = $1
                UNION ALL
                SELECT o.id, o.short_name_norm FROM organisation o WHERE o.municipality_id = $1 AND o.short_name_norm IS NOT NULL
                UNION ALL
                SELECT a.organisation_id, a.alias_norm FROM organisation_alias a JOIN organisation o ON o.id = a.organisation_id
                WHERE o.municipality_id = $1
            ),
            scored AS (
                SELECT n.id, similarity(q.nq, n.norm) AS score
                FROM names n, q
                WHERE ARRAY(SELECT w FROM unnest(string_to_array(n.norm, ' ')) w WHERE w ~ '^[0-9]+$' ORDER BY w) = q.numbers
            )
            SELECT \(Self.columns) FROM scored s JOIN organisation o ON o.id = s.id
            WHERE s.score >= $3
            ORDER BY s.score DESC, o.id
            LIMIT 1
            """, [municipalityID, name, Self.matchThreshold]
        ).first.map(organisation)
    }

    /// Organisations whose name or alias matches `query` as a user types it («гимназия 13 томск»), best first.
    public func search(_ query: String, limit: Int = 10, on conn: PQConnection) throws -> [OrganisationMatch] {
        try conn.query(
            """
            SELECT organisation_id, full_name, short_name, matched_name, score::float8
            FROM search_organisations($1, $2::integer)
            """, [query, limit]
        ).map { row in
            OrganisationMatch(
                organisationID: try row.decode(0), fullName: try row.decode(1), shortName: try row.decode(2),
                matchedName: try row.decode(3), score: try row.decode(4))
        }
    }

    /// Organisations by place and membership, by full name.
    public func list(_ filter: OrganisationFilter = OrganisationFilter(), on conn: PQConnection) throws -> [Organisation] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM organisation o JOIN municipality m ON m.id = o.municipality_id
            WHERE ($1::bigint IS NULL OR o.municipality_id = $1)
              AND ($2::bigint IS NULL OR m.region_id = $2)
              AND ($3::date IS NULL OR is_member(o.id, $3))
            ORDER BY o.full_name, o.id
            """, [filter.municipalityID, filter.regionID, filter.memberOn]
        ).map(organisation)
    }

    // MARK: Aliases

    /// Records another spelling of the organisation; returns false when it normalises to one already known.
    @discardableResult
    public func addAlias(_ id: OrganisationID, _ alias: String, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            INSERT INTO organisation_alias (organisation_id, alias) VALUES ($1, $2)
            ON CONFLICT ON CONSTRAINT organisation_alias_unique DO NOTHING
            """, [id, alias]) == 1
    }

    public func aliases(_ id: OrganisationID, on conn: PQConnection) throws -> [String] {
        try conn.query("SELECT alias FROM organisation_alias WHERE organisation_id = $1 ORDER BY id", [id]).map { try $0.decode(0) }
    }

    // MARK: Network agreements

    /// Records an agreement; one overlapping another of the organisation fails with `network_agreement_no_overlap`.
    @discardableResult
    public func addAgreement(_ id: OrganisationID, number: String? = nil, membership: NetworkMembership, on conn: PQConnection) throws -> NetworkAgreement {
        try agreement(
            try conn.one(
                """
                INSERT INTO network_agreement (organisation_id, number, starts_on, ends_on) VALUES ($1, $2, $3, $4)
                RETURNING id, organisation_id, number, starts_on, ends_on
                """, [id, number, membership.since, membership.until]))
    }

    /// Ends the agreement on `lastDay` (inclusive); nil if there is no such agreement.
    public func endAgreement(_ id: NetworkAgreementID, lastDay: LocalDate, on conn: PQConnection) throws -> NetworkAgreement? {
        try conn.query(
            """
            UPDATE network_agreement SET ends_on = $2 WHERE id = $1
            RETURNING id, organisation_id, number, starts_on, ends_on
            """, [id, lastDay]
        ).first.map(agreement)
    }

    public func agreements(_ id: OrganisationID, on conn: PQConnection) throws -> [NetworkAgreement] {
        try conn.query(
            """
            SELECT id, organisation_id, number, starts_on, ends_on FROM network_agreement
            WHERE organisation_id = $1 ORDER BY starts_on
            """, [id]
        ).map(agreement)
    }

    /// Whether an agreement covered `date` (both ends inclusive).
    public func isMember(_ id: OrganisationID, on date: LocalDate, on conn: PQConnection) throws -> Bool {
        try conn.one("SELECT is_member($1, $2)", [id, date]).decode(0)
    }

    // MARK: Rows

    func organisation(_ row: PQRow) throws -> Organisation {
        Organisation(
            id: try row.decode(0), municipalityID: try row.decode(1), kind: try row.decode(2),
            legalForm: try row.decode(3), fullName: try row.decode(4), shortName: try row.decode(5))
    }

    private func agreement(_ row: PQRow) throws -> NetworkAgreement {
        NetworkAgreement(
            id: try row.decode(0), organisationID: try row.decode(1), number: try row.decode(2),
            membership: NetworkMembership(since: try row.decode(3), until: try row.decode(4)))
    }
}
