import Testing
@testable import SchoolNetDomain

@Suite struct AccessTests {
    let school50 = OrganisationID(rawValue: 50)
    let gymnasium13 = OrganisationID(rawValue: 13)

    @Test func schoolTouchesOnlyItsOwnApplications() {
        #expect(Access.checkApplicant(actor: .school, actorOrganisation: school50, applicant: school50) == nil)
        #expect(Access.checkApplicant(actor: .school, actorOrganisation: gymnasium13, applicant: school50)?.code == .forbidden)
        // An organiser is not the applicant even for its own event.
        #expect(Access.checkApplicant(actor: .organiser, actorOrganisation: school50, applicant: school50)?.code == .forbidden)
        #expect(Access.checkApplicant(actor: .regionalAdmin, actorOrganisation: nil, applicant: school50) == nil)
    }

    @Test func organiserManagesOnlyItsOwnEvents() {
        #expect(Access.checkOrganiser(actor: .organiser, actorOrganisation: gymnasium13, organiser: gymnasium13) == nil)
        let error = Access.checkOrganiser(actor: .organiser, actorOrganisation: school50, organiser: gymnasium13)
        #expect(error?.code == .forbidden)
        #expect(error?.messageRU == "Управлять событием может только его организатор")
        #expect(Access.checkOrganiser(actor: .school, actorOrganisation: gymnasium13, organiser: gymnasium13)?.code == .forbidden)
        #expect(Access.checkOrganiser(actor: .regionalAdmin, actorOrganisation: nil, organiser: gymnasium13) == nil)
    }
}

@Suite struct NetworkMembershipTests {
    // Белоярская СОШ №1 joined during 2020-2021.
    let beloyarskaya = NetworkMembership(since: .d("2020-11-15"))

    @Test func coversFromItsStartDate() {
        #expect(!beloyarskaya.covers(LocalDate.d("2020-11-14")))
        #expect(beloyarskaya.covers(LocalDate.d("2020-11-15")))
        #expect(beloyarskaya.covers(LocalDate.d("2030-01-01")))
    }

    @Test func endedAgreementStopsCoveringAfterItsLastDay() {
        let ended = NetworkMembership(since: .d("2017-09-01"), until: .d("2020-08-31"))
        #expect(ended.covers(LocalDate.d("2020-08-31")))
        #expect(!ended.covers(LocalDate.d("2020-09-01")))
        #expect(NetworkMembership.isMember([ended, beloyarskaya], on: .d("2020-12-01")))
        #expect(!NetworkMembership.isMember([ended, beloyarskaya], on: .d("2020-10-01")))
    }

    @Test func schoolYearMembership() {
        #expect(beloyarskaya.covers(SchoolYear(startYear: 2020)))
        #expect(!beloyarskaya.covers(SchoolYear(startYear: 2019)))
        let ended = NetworkMembership(since: .d("2017-09-01"), until: .d("2020-08-31"))
        #expect(ended.covers(SchoolYear(startYear: 2019)))
        #expect(!ended.covers(SchoolYear(startYear: 2020)))
    }
}
