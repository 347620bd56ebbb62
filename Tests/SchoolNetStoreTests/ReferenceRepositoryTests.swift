import PQ
import SchoolNetDomain
import SchoolNetStore
import SchoolNetTestSupport
import Testing

@Suite struct ReferenceRepositoryTests {
    let repo = ReferenceRepository()

    @Test func countriesAreSeededAndUpserted() throws {
        let conn = try PQConnection(try TestDatabase.migrated("ref_countries"))
        #expect(try repo.countries(on: conn).map(\.code) == ["KZ", "RU"])
        #expect(try repo.country(code: "RU", on: conn)?.name == "Россия")
        try repo.upsertCountry(Country(code: "BY", name: "Беларусь"), on: conn)
        try repo.upsertCountry(Country(code: "BY", name: "Республика Беларусь"), on: conn)
        #expect(try repo.country(code: "BY", on: conn)?.name == "Республика Беларусь")
        #expect(try repo.country(code: "XX", on: conn) == nil)
    }

    @Test func aRegionIsEnsuredOnceWhateverTheSpelling() throws {
        let conn = try PQConnection(try TestDatabase.migrated("ref_regions"))
        let tomsk = try repo.ensureRegion(countryCode: "RU", name: "Томская область", on: conn)
        let again = try repo.ensureRegion(countryCode: "RU", name: "  ТОМСКАЯ   область ", on: conn)
        #expect(again == tomsk)
        #expect(try repo.region(tomsk.id, on: conn) == tomsk)
        #expect(try repo.findRegion(countryCode: "RU", name: "томская область", on: conn) == tomsk)
        #expect(try repo.findRegion(countryCode: "KZ", name: "Томская область", on: conn) == nil)
        let kz = try repo.ensureRegion(countryCode: "KZ", name: "Северо-Казахстанская область", on: conn)
        #expect(try repo.regions(on: conn).count == 2)
        #expect(try repo.regions(countryCode: "KZ", on: conn) == [kz])
    }

    @Test func aMunicipalityIsEnsuredOnceInItsRegion() throws {
        let conn = try PQConnection(try TestDatabase.migrated("ref_municipalities"))
        let region = try repo.ensureRegion(countryCode: "RU", name: "Томская область", on: conn)
        let district = try repo.ensureMunicipality(regionID: region.id, name: "Томский район", kind: .district, on: conn)
        #expect(district.kind == .district)
        #expect(try repo.ensureMunicipality(regionID: region.id, name: "томский район", on: conn) == district)
        #expect(try repo.municipality(district.id, on: conn) == district)
        #expect(try repo.findMunicipality(regionID: region.id, name: "ТОМСКИЙ РАЙОН", on: conn) == district)
        let city = try repo.ensureMunicipality(regionID: region.id, name: "г. Томск", kind: .city, on: conn)
        #expect(try repo.municipalities(regionID: region.id, on: conn) == [city, district])
    }

    @Test func schoolYearsAreEnsuredByStartYear() throws {
        let conn = try PQConnection(try TestDatabase.migrated("ref_years"))
        let id = try repo.ensureSchoolYear(SchoolYear(startYear: 2020), on: conn)
        #expect(try repo.ensureSchoolYear(SchoolYear(startYear: 2020), on: conn) == id)
        try repo.ensureSchoolYear(SchoolYear(startYear: 2019), on: conn)
        #expect(try repo.schoolYears(on: conn) == [SchoolYear(startYear: 2019), SchoolYear(startYear: 2020)])
        let label = try conn.query("SELECT label FROM school_year WHERE id = $1", [id]).first?.decode(0, as: String.self)
        #expect(label == SchoolYear(startYear: 2020).label)
    }

    @Test func modulesAreFoundByNameInAnyCase() throws {
        let conn = try PQConnection(try TestDatabase.migrated("ref_modules"))
        let roots = try repo.ensureModule(name: "Истоки", audience: .pupils, on: conn)
        let growth = try repo.ensureModule(name: "Точки роста", audience: .teachers, on: conn)
        #expect(try repo.ensureModule(name: "ИСТОКИ", audience: .pupils, on: conn) == roots)
        #expect(try repo.findModule(named: "истоки", on: conn) == roots)
        #expect(try repo.findModule(named: "Тайны науки", on: conn) == nil)
        #expect(try repo.module(growth.id, on: conn)?.audience == .teachers)
        #expect(try repo.modules(on: conn) == [roots, growth])
    }
}
