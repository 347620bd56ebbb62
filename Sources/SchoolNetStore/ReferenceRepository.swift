import PQ
import SchoolNetDomain

/// Countries, regions, municipalities, school years and programme modules: found by name (case,
/// ё/е and spacing ignored) or created once; "ensure" never makes a second row for one name.
public struct ReferenceRepository: Sendable {
    public init() {}

    // MARK: Countries

    /// Adds the country or renames the one with that code.
    @discardableResult
    public func upsertCountry(_ country: Country, on conn: PQConnection) throws -> Country {
        let row = try conn.one(
            """
            INSERT INTO country (code, name) VALUES ($1, $2)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name
            RETURNING code, name
            """, [country.code, country.name])
        return Country(code: try row.decode(0), name: try row.decode(1))
    }

    public func country(code: String, on conn: PQConnection) throws -> Country? {
        try conn.query("SELECT code, name FROM country WHERE code = $1", [code]).first.map {
            Country(code: try $0.decode(0), name: try $0.decode(1))
        }
    }

    public func countries(on conn: PQConnection) throws -> [Country] {
        try conn.query("SELECT code, name FROM country ORDER BY code").map {
            Country(code: try $0.decode(0), name: try $0.decode(1))
        }
    }

    // MARK: Regions

    /// The region of that name in the country, created if there is none.
    public func ensureRegion(countryCode: String, name: String, on conn: PQConnection) throws -> Region {
        // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING gives the existing row too.
        try region(
            try conn.one(
                """
                INSERT INTO region (country_code, name) VALUES ($1, $2)
                ON CONFLICT ON CONSTRAINT region_name_unique DO UPDATE SET name = region.name
                RETURNING id, country_code, name
                """, [countryCode, name]))
    }

    public func region(_ id: RegionID, on conn: PQConnection) throws -> Region? {
        try conn.query("SELECT id, country_code, name FROM region WHERE id = $1", [id]).first.map(region)
    }

    public func findRegion(countryCode: String, name: String, on conn: PQConnection) throws -> Region? {
        try conn.query(
            """
            SELECT id, country_code, name FROM region
            WHERE country_code = $1 AND name_norm = normalize_person_name($2)
            """, [countryCode, name]
        ).first.map(region)
    }

    public func regions(countryCode: String? = nil, on conn: PQConnection) throws -> [Region] {
        try conn.query(
            """
            SELECT id, country_code, name FROM region
            WHERE $1::text IS NULL OR country_code = $1 ORDER BY country_code, name_norm
            """, [countryCode]
        ).map(region)
    }

    // MARK: Municipalities

    /// The municipality of that name in the region, created with `kind` if there is none.
    public func ensureMunicipality(regionID: RegionID, name: String, kind: MunicipalityKind = .other, on conn: PQConnection) throws -> Municipality {
        try municipality(
            try conn.one(
                """
                INSERT INTO municipality (region_id, name, kind) VALUES ($1, $2, $3)
                ON CONFLICT ON CONSTRAINT municipality_name_unique DO UPDATE SET name = municipality.name
                RETURNING id, region_id, name, kind
                """, [regionID, name, kind]))
    }

    public func municipality(_ id: MunicipalityID, on conn: PQConnection) throws -> Municipality? {
        try conn.query("SELECT id, region_id, name, kind FROM municipality WHERE id = $1", [id]).first.map(municipality)
    }

    public func findMunicipality(regionID: RegionID, name: String, on conn: PQConnection) throws -> Municipality? {
        try conn.query(
            """
            SELECT id, region_id, name, kind FROM municipality
            WHERE region_id = $1 AND name_norm = normalize_person_name($2)
            """, [regionID, name]
        ).first.map(municipality)
    }

    public func municipalities(regionID: RegionID, on conn: PQConnection) throws -> [Municipality] {
        try conn.query("SELECT id, region_id, name, kind FROM municipality WHERE region_id = $1 ORDER BY name_norm, id", [regionID])
            .map(municipality)
    }

    // MARK: School years

    /// The row id of the school year, created if missing (events and grades refer to it).
    @discardableResult
    public func ensureSchoolYear(_ year: SchoolYear, on conn: PQConnection) throws -> Int64 {
        try conn.one(
            """
            INSERT INTO school_year (start_year) VALUES ($1)
            ON CONFLICT (start_year) DO UPDATE SET start_year = excluded.start_year
            RETURNING id
            """, [year.startYear]
        ).decode(0)
    }

    public func schoolYears(on conn: PQConnection) throws -> [SchoolYear] {
        try conn.query("SELECT start_year FROM school_year ORDER BY start_year").map {
            SchoolYear(startYear: try $0.decode(0))
        }
    }

    // MARK: Programme modules

    /// The module of that name, created for `audience` if there is none.
    public func ensureModule(name: String, audience: AudienceKind, on conn: PQConnection) throws -> ProgrammeModule {
        try module(
            try conn.one(
                """
                INSERT INTO programme_module (name, audience) VALUES ($1, $2)
                ON CONFLICT (name_norm) DO UPDATE SET name = programme_module.name
                RETURNING id, name, audience
                """, [name, audience]))
    }

    public func module(_ id: ProgrammeModuleID, on conn: PQConnection) throws -> ProgrammeModule? {
        try conn.query("SELECT id, name, audience FROM programme_module WHERE id = $1", [id]).first.map(module)
    }

    /// «Истоки», «истоки» and «ИСТОКИ» are one module.
    public func findModule(named name: String, on conn: PQConnection) throws -> ProgrammeModule? {
        try conn.query("SELECT id, name, audience FROM programme_module WHERE name_norm = normalize_person_name($1)", [name])
            .first.map(module)
    }

    public func modules(on conn: PQConnection) throws -> [ProgrammeModule] {
        try conn.query("SELECT id, name, audience FROM programme_module ORDER BY audience, name").map(module)
    }

    // MARK: Rows

    private func region(_ row: PQRow) throws -> Region {
        Region(id: try row.decode(0), countryCode: try row.decode(1), name: try row.decode(2))
    }

    private func municipality(_ row: PQRow) throws -> Municipality {
        Municipality(id: try row.decode(0), regionID: try row.decode(1), name: try row.decode(2), kind: try row.decode(3))
    }

    private func module(_ row: PQRow) throws -> ProgrammeModule {
        ProgrammeModule(id: try row.decode(0), name: try row.decode(1), audience: try row.decode(2))
    }
}
