import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

@Suite struct OrganisationRepositoryTests {
    let repo = OrganisationRepository()

    @Test func createsAndGets() throws {
        let db = try StoreFixture("org_create")
        let gymnasium = try db.gymnasium13()
        #expect(gymnasium.fullName == "МАОУ гимназия №13 г. Томска")
        #expect(gymnasium.kind == .gymnasium && gymnasium.legalForm == "МАОУ" && gymnasium.shortName == "гимназия №13")
        #expect(try repo.get(gymnasium.id, on: db.conn) == gymnasium)
        #expect(try repo.get(OrganisationID(rawValue: 999_999), on: db.conn) == nil)
    }

    @Test func aTwinSpellingInOneMunicipalityBreaksTheUniqueName() throws {
        let db = try StoreFixture("org_twin")
        _ = try db.organisation("МБОУ \"Богашевская СОШ им.А.И. Федорова\"", in: db.tomskDistrict)
        let error = databaseError { _ = try db.organisation("«Богашевская СОШ им. А.И. Фёдорова»", in: db.tomskDistrict) }
        #expect(error?.kind == .uniqueViolation)
        #expect(error?.constraint == "organisation_name_unique")
        // the same name elsewhere is another organisation
        #expect(throws: Never.self) { _ = try db.organisation("«Богашевская СОШ им. А.И. Фёдорова»", in: db.tomsk) }
    }

    @Test func findsByNameAsTheReportWritesIt() throws {
        let db = try StoreFixture("org_find")
        let bogashevo = try db.organisation("МБОУ \"Богашевская СОШ им.А.И. Федорова\"", in: db.tomskDistrict)
        let gymnasium = try db.gymnasium13()
        #expect(try repo.find(name: "«Богашевская СОШ им. А.И. Фёдорова»", municipalityID: db.tomskDistrict.id, on: db.conn) == bogashevo)
        #expect(try repo.find(name: "Гимназия № 13", municipalityID: db.tomsk.id, on: db.conn) == gymnasium)
        #expect(try repo.find(name: "гимназия №13", municipalityID: db.tomskDistrict.id, on: db.conn) == nil)
        #expect(try repo.find(name: "МАОУ", municipalityID: db.tomsk.id, on: db.conn) == nil)
        try repo.addAlias(gymnasium.id, "Гимназия 13 им. Н.Н. Рукавишникова", on: db.conn)
        #expect(try repo.find(name: "гимназия №13 имени Н. Н. Рукавишникова", municipalityID: db.tomsk.id, on: db.conn) == gymnasium)
    }

    @Test func searchFindsGymnasium13AndNever18() throws {
        let db = try StoreFixture("org_search")
        let gymnasium = try db.gymnasium13()
        _ = try db.organisation("МАОУ гимназия №18 г. Томска", kind: .gymnasium)
        _ = try db.organisation("МАОУ СОШ №50 г. Томска")
        let hits = try repo.search("гимназия 13 томск", on: db.conn)
        #expect(hits.map(\.organisationID) == [gymnasium.id])
        #expect(hits.first?.fullName == "МАОУ гимназия №13 г. Томска")
        #expect((hits.first?.score ?? 0) > 0.5)
        #expect(try repo.search("ГИМНАЗИЯ  №13", on: db.conn).first?.organisationID == gymnasium.id)
        #expect(try repo.search("гимназия", limit: 1, on: db.conn).count == 1)
        #expect(try repo.search("гимназия", on: db.conn).count == 2)
        #expect(try repo.search("", on: db.conn).isEmpty)
    }

    @Test func searchMatchesAliases() throws {
        let db = try StoreFixture("org_search_alias")
        let school = try db.organisation("МБОУ «Средняя общеобразовательная школа №6» г. Юрги", in: db.yurga)
        #expect(try repo.search("СОШ №6 г. Юрги", on: db.conn).first?.organisationID == school.id)
        try repo.addAlias(school.id, "Юргинская шестая школа", on: db.conn)
        let hit = try repo.search("юргинская шестая", on: db.conn).first
        #expect(hit?.organisationID == school.id)
        #expect(hit?.matchedName == "юргинская шестая школа")
    }

    @Test func importMatchesTheExistingRowInsteadOfATwin() throws {
        let db = try StoreFixture("org_match")
        let yurga6 = try db.organisation("МБОУ «СОШ №6 г. Юрги»", in: db.yurga)
        let bogashevo = try db.organisation("МБОУ \"Богашевская СОШ им.А.И. Федорова\"", in: db.tomskDistrict)
        func imported(_ name: String, _ place: Municipality) throws -> Resolved<Organisation> {
            try repo.matchOrCreate(NewOrganisation(municipalityID: place.id, kind: .school, fullName: name), on: db.conn)
        }
        #expect(try imported("СОШ №6 г. Юрги", db.yurga) == Resolved(yurga6, created: false))
        #expect(try imported("«Богашевская СОШ им. А.И. Фёдорова»", db.tomskDistrict) == Resolved(bogashevo, created: false))
        // a slip beyond normalisation: close enough, same number, same municipality
        #expect(try imported("МБОУ «Богашевская СОШ имени А.И.Федоровой»", db.tomskDistrict).value == bogashevo)
        #expect(try repo.aliases(bogashevo.id, on: db.conn) == ["МБОУ «Богашевская СОШ имени А.И.Федоровой»"])
        // another number or another municipality is another school
        let yurga60 = try imported("СОШ №60 г. Юрги", db.yurga)
        #expect(yurga60.created && yurga60.value.id != yurga6.id)
        #expect(try imported("СОШ №6 г. Юрги", db.tomsk).created)
        #expect(try repo.list(OrganisationFilter(municipalityID: db.yurga.id), on: db.conn).count == 2)
    }

    @Test func concurrentImportsOfOneSchoolMakeOneRow() throws {
        let db = try StoreFixture("org_match_race")
        let config = db.conn.configuration
        let place = db.tomskDistrict.id
        let spellings = ["Калтайская СОШ", "МБОУ «Калтайская СОШ»", "калтайская средняя общеобразовательная школа", "Калтайская  сош"]
        let ids = Results<Result<OrganisationID, any Error>>(count: spellings.count)
        DispatchQueue.concurrentPerform(iterations: spellings.count) { i in
            ids.set(
                i,
                Result {
                    let conn = try PQConnection(config)
                    return try conn.transaction { conn in
                        try OrganisationRepository().matchOrCreate(
                            NewOrganisation(municipalityID: place, kind: .school, fullName: spellings[i]), on: conn
                        ).value.id
                    }
                })
        }
        #expect(Set(try ids.values.map { try $0.get() }).count == 1)
    }

    @Test func listsByPlaceAndMembership() throws {
        let db = try StoreFixture("org_list")
        let gymnasium = try db.gymnasium13()
        let kaltai = try db.organisation("МБОУ «Калтайская СОШ»", in: db.tomskDistrict)
        let yurga6 = try db.organisation("МБОУ «СОШ №6 г. Юрги»", in: db.yurga)
        let mamlyut = try db.organisation("КГУ «Мамлютская средняя школа №1»", in: db.mamlyut, legalForm: "КГУ")
        try repo.addAgreement(gymnasium.id, membership: NetworkMembership(since: day("2015-09-01")), on: db.conn)
        try repo.addAgreement(yurga6.id, membership: NetworkMembership(since: day("2019-09-01"), until: day("2020-08-31")), on: db.conn)
        #expect(Set(try repo.list(on: db.conn).map(\.id)) == [gymnasium.id, kaltai.id, yurga6.id, mamlyut.id])
        #expect(try repo.list(OrganisationFilter(regionID: db.tomskRegion.id), on: db.conn).map(\.id) == [gymnasium.id, kaltai.id])
        #expect(try repo.list(OrganisationFilter(municipalityID: db.mamlyut.id), on: db.conn) == [mamlyut])
        #expect(try repo.list(OrganisationFilter(memberOn: day("2020-10-02")), on: db.conn) == [gymnasium])
        #expect(Set(try repo.list(OrganisationFilter(memberOn: day("2020-08-31")), on: db.conn).map(\.id)) == [gymnasium.id, yurga6.id])
    }

    @Test func agreementsMakeMembersAndNeverOverlap() throws {
        let db = try StoreFixture("org_agreements")
        let beloyarsk = try db.organisation("МАОУ «Белоярская СОШ №1»", in: db.tomskDistrict)
        #expect(try !repo.isMember(beloyarsk.id, on: day("2020-10-01"), on: db.conn))
        let agreement = try repo.addAgreement(beloyarsk.id, number: "17/2020", membership: NetworkMembership(since: day("2020-11-02")), on: db.conn)
        #expect(agreement.number == "17/2020" && agreement.membership.until == nil)
        #expect(try !repo.isMember(beloyarsk.id, on: day("2020-11-01"), on: db.conn))
        #expect(try repo.isMember(beloyarsk.id, on: day("2020-11-02"), on: db.conn))

        let overlap = databaseError {
            _ = try repo.addAgreement(beloyarsk.id, membership: NetworkMembership(since: day("2021-01-01")), on: db.conn)
        }
        #expect(overlap?.kind == .exclusionViolation)
        #expect(overlap?.constraint == "network_agreement_no_overlap")

        let ended = try repo.endAgreement(agreement.id, lastDay: day("2021-08-31"), on: db.conn)
        #expect(ended?.membership == NetworkMembership(since: day("2020-11-02"), until: day("2021-08-31")))
        #expect(try repo.isMember(beloyarsk.id, on: day("2021-08-31"), on: db.conn))
        #expect(try !repo.isMember(beloyarsk.id, on: day("2021-09-01"), on: db.conn))
        try repo.addAgreement(beloyarsk.id, membership: NetworkMembership(since: day("2022-09-01")), on: db.conn)
        #expect(try repo.agreements(beloyarsk.id, on: db.conn).map(\.membership.since) == [day("2020-11-02"), day("2022-09-01")])

        let backwards = databaseError { _ = try repo.endAgreement(agreement.id, lastDay: day("2020-01-01"), on: db.conn) }
        #expect(backwards?.kind == .checkViolation)
        #expect(backwards?.constraint == "network_agreement_dates_in_order")
        #expect(try repo.endAgreement(NetworkAgreementID(rawValue: 424_242), lastDay: day("2021-01-01"), on: db.conn) == nil)
    }

    @Test func aliasesAreKeptOncePerSpelling() throws {
        let db = try StoreFixture("org_aliases")
        let gymnasium = try db.gymnasium13()
        #expect(try repo.addAlias(gymnasium.id, "Гимназия 13", on: db.conn))
        #expect(try !repo.addAlias(gymnasium.id, "ГИМНАЗИЯ №13", on: db.conn))
        #expect(try repo.aliases(gymnasium.id, on: db.conn) == ["Гимназия 13"])
    }
}
