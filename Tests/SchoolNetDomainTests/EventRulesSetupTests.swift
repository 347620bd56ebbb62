import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct EventRulesSetupTests {
    let window = RegistrationWindow(opensAt: instant("2020-10-01 09:00:00", tomsk), closesOn: .d("2020-10-25"))

    func rules(_ team: TeamRules = .individual, eligibility: Eligibility? = nil) -> EventRules {
        EventRules(eligibility: eligibility ?? Eligibility(grades: 8...11, ageReferenceDate: .d("2020-10-19")), team: team, window: window)
    }

    func fields(_ rules: EventRules, endsOn: LocalDate? = nil) -> [String?] {
        rules.setupViolations(endsOn: endsOn).map(\.field)
    }

    @Test func reportEventsAreValid() {
        #expect(rules().setupViolations(endsOn: .d("2020-11-02")).isEmpty)
        #expect(rules(.team(2...2, requiredRoles: [.mentor: 1, .youngTeacher: 1])).setupViolations().isEmpty)
        #expect(rules(.team(7...7)).setupViolations().isEmpty)
    }

    @Test func badTeamShapes() {
        #expect(fields(rules(.team(0...3))) == ["team.minSize"])
        #expect(fields(rules(TeamRules(mode: .team, minSize: 5, maxSize: 3))) == ["team.minSize"])
        #expect(fields(rules(.team(1...1, requiredRoles: [.mentor: 1, .youngTeacher: 1]))) == ["team.requiredRoles"])
        #expect(fields(rules(TeamRules(mode: .individual, minSize: 1, maxSize: 3))) == ["team"])
    }

    @Test func nobodyMayTakePart() {
        let nobody = Eligibility(allowPupils: false, ageReferenceDate: .d("2020-10-19"))
        #expect(fields(rules(eligibility: nobody)) == ["eligibility"])
    }

    @Test func rangesOutOfBounds() {
        #expect(fields(rules(eligibility: Eligibility(grades: 5...12, ageReferenceDate: .d("2020-10-19")))) == ["eligibility.grades"])
        #expect(fields(rules(eligibility: Eligibility(grades: 0...1, ageReferenceDate: .d("2020-10-19")))) == [])
        #expect(fields(rules(eligibility: Eligibility(ages: -1...18, ageReferenceDate: .d("2020-10-19")))) == ["eligibility.ages"])
    }

    @Test func limitsMustBePositive() {
        var bad = rules()
        bad.capacity = 0
        bad.perOrganisationLimit = -1
        #expect(fields(bad) == ["capacity", "perOrganisationLimit"])
    }

    @Test func windowMustOpenBeforeItClosesAndEndByTheEvent() {
        var late = rules()
        late.window.opensAt = instant("2020-10-26 00:00:00", tomsk)
        #expect(fields(late) == ["window.opensAt"])
        late.window.opensAt = instant("2020-10-25 23:59:59", tomsk)
        #expect(fields(late) == [])
        #expect(fields(rules(), endsOn: .d("2020-10-24")) == ["window.closesOn"])
        #expect(fields(rules(), endsOn: .d("2020-10-25")) == [])
    }

    @Test func requiredRolesRoundTripThroughTheStoredArray() {
        let team = TeamRules.team(2...2, requiredRoles: [.youngTeacher: 1, .mentor: 1])
        #expect(team.requiredRoleList == [.mentor, .youngTeacher])
        #expect(TeamRules.requiredRoles(from: [.mentor, .youngTeacher, .mentor]) == [.mentor: 2, .youngTeacher: 1])
        #expect(TeamRules.requiredRoles(from: team.requiredRoleList) == team.requiredRoles)
    }

    @Test(arguments: ["Asia/Tomsk", "Asia/Almaty", "Asia/Qostanay", "Europe/Moscow"])
    func knownZones(identifier: String) throws {
        #expect(try RegistrationWindow.timeZone(identifier: identifier).identifier == identifier)
    }

    @Test func utcIsAccepted() throws {
        #expect(try RegistrationWindow.timeZone(identifier: "UTC").secondsFromGMT() == 0)
    }

    @Test(arguments: ["", "Tomsk", "Asia/Nowhere", "MSK"])
    func unknownZones(identifier: String) {
        let error = refusal { () throws(RegistrationError) in try RegistrationWindow.timeZone(identifier: identifier) }
        #expect(error?.code == .validation)
        #expect(error?.field == "timeZone")
    }
}
