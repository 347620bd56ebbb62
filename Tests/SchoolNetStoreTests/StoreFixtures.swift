import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// A migrated database of the test's own with the places the report names: Tomsk, the Tomsk
/// district, Yurga (Kemerovo region) and Mamlyut district (Kazakhstan).
struct StoreFixture {
    let conn: PQConnection
    let tomsk: Municipality
    let tomskDistrict: Municipality
    let yurga: Municipality
    let mamlyut: Municipality
    let tomskRegion: Region

    init(_ label: String) throws {
        conn = try PQConnection(try TestDatabase.migrated(label))
        let reference = ReferenceRepository()
        tomskRegion = try reference.ensureRegion(countryCode: "RU", name: "Томская область", on: conn)
        let kemerovo = try reference.ensureRegion(countryCode: "RU", name: "Кемеровская область", on: conn)
        let northKZ = try reference.ensureRegion(countryCode: "KZ", name: "Северо-Казахстанская область", on: conn)
        tomsk = try reference.ensureMunicipality(regionID: tomskRegion.id, name: "г. Томск", kind: .city, on: conn)
        tomskDistrict = try reference.ensureMunicipality(regionID: tomskRegion.id, name: "Томский район", kind: .district, on: conn)
        yurga = try reference.ensureMunicipality(regionID: kemerovo.id, name: "г. Юрга", kind: .city, on: conn)
        mamlyut = try reference.ensureMunicipality(regionID: northKZ.id, name: "Мамлютский район", kind: .district, on: conn)
    }

    func organisation(
        _ fullName: String, short: String? = nil, in municipality: Municipality? = nil, kind: OrganisationKind = .school,
        legalForm: String? = nil
    ) throws -> Organisation {
        try OrganisationRepository().create(
            NewOrganisation(municipalityID: (municipality ?? tomsk).id, kind: kind, legalForm: legalForm, fullName: fullName, shortName: short),
            on: conn)
    }

    /// МАОУ гимназия №13 г. Томска, the organiser of most events.
    func gymnasium13() throws -> Organisation {
        try organisation("МАОУ гимназия №13 г. Томска", short: "гимназия №13", kind: .gymnasium, legalForm: "МАОУ")
    }

    func person(_ fio: String, kind: PersonKind = .pupil, born: String? = nil, at organisation: Organisation? = nil) throws -> Person {
        try PersonRepository().create(
            NewPerson(kind: kind, name: PersonName(parsing: fio)!, birthDate: born.flatMap(LocalDate.init), organisationID: organisation?.id),
            on: conn)
    }
}

func day(_ text: String) -> LocalDate { LocalDate(text)! }

/// An instant written as ISO 8601 with an offset: "2020-10-01T09:00:00+07:00".
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}

/// The PQError `body` throws, or nil (recorded as a failure) when it throws nothing or something else.
func databaseError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> PQError? {
    do {
        try body()
        Issue.record("expected a database error", sourceLocation: sourceLocation)
    } catch let error as PQError {
        return error
    } catch {
        Issue.record("expected a PQError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
