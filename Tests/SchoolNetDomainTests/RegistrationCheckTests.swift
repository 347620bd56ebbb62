import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct RegistrationCheckTests {
    // «Спортивная мозаика»: one team of seven sixth-graders per school, six teams in all, members only.
    let rules = EventRules(
        eligibility: Eligibility(grades: 6...6, ageReferenceDate: .d("2020-10-02")),
        team: .team(7...7),
        window: RegistrationWindow(opensAt: instant("2020-09-15 09:00:00", tomsk), closesOn: .d("2020-09-30")),
        capacity: 6, perOrganisationLimit: 1, membersOnly: true
    )
    let event = EventID(rawValue: 1)
    let during = instant("2020-09-30 23:59:59", tomsk)
    let team = TeamRulesTests.names.prefix(7).map { pupil($0) }

    func context(member: Bool = true, eventTaken: Int = 0, orgTaken: Int = 0, existing: [String: ApplicationID] = [:], nominationEvent: EventID? = nil)
        -> RegistrationContext
    {
        RegistrationContext(
            eventID: event, organisationName: "МАОУ гимназия №55", organisationIsMember: member,
            nominationEventID: nominationEvent, eventPlacesTaken: eventTaken, organisationPlacesTaken: orgTaken,
            existingEntries: existing)
    }

    func draft(_ members: [Entrant], nomination: NominationID? = nil) -> ApplicationDraft {
        ApplicationDraft(organisationID: OrganisationID(rawValue: 55), nominationID: nomination, teamName: "Олимпийцы", members: members)
    }

    @Test func validTeamPasses() throws {
        #expect(RegistrationCheck.violations(of: draft(team), rules: rules, context: context(), at: during).isEmpty)
        try RegistrationCheck.validate(draft(team), rules: rules, context: context(), at: during)
    }

    @Test func closedWindowIsTheOnlyAnswer() {
        var bad = team
        bad[0].grade = 5
        let errors = RegistrationCheck.violations(of: draft(bad), rules: rules, context: context(eventTaken: 6), at: instant("2020-10-01 00:00:00", tomsk))
        #expect(errors.map(\.code) == [.registrationClosed])
    }

    @Test func nonMemberIsRefusedBeforeDetails() {
        let errors = RegistrationCheck.violations(of: draft(team), rules: rules, context: context(member: false), at: during)
        #expect(errors.map(\.code) == [.organisationNotAllowed])
    }

    @Test func everyProblemIsReportedWithItsMember() {
        var bad = team
        bad[2].grade = 5
        bad[4].hasConsent = false
        bad.append(pupil("Лебедев Марк"))
        let errors = RegistrationCheck.violations(
            of: draft(bad), rules: rules,
            context: context(orgTaken: 1, existing: [bad[1].identityKey: ApplicationID(rawValue: 77)]), at: during)
        #expect(errors.map(\.code) == [.gradeOutOfRange, .consentMissing, .teamTooLarge, .personAlreadyEntered, .organisationLimitReached])
        #expect(errors.map(\.field) == ["members[2].grade", "members[4].consent", "members", "members[1]", nil])
        #expect(errors[0].messageRU.hasPrefix("Сидорова Анна: 5 класс"))
        #expect(errors[3].messageRU.hasPrefix("Петров Иван уже есть в другой заявке"))
    }

    @Test func lastPlaceAndFullEvent() {
        #expect(RegistrationCheck.violations(of: draft(team), rules: rules, context: context(eventTaken: 5), at: during).isEmpty)
        let errors = RegistrationCheck.violations(of: draft(team), rules: rules, context: context(eventTaken: 6), at: during)
        #expect(errors.map(\.code) == [.eventFull])
    }

    @Test func teamNameTakenInTheEvent() {
        let errors = RegistrationCheck.violations(
            of: draft(team), rules: rules, context: context(existing: [:]).with(teamNameTakenBy: ApplicationID(rawValue: 4)), at: during)
        #expect(errors.map(\.code) == [.teamNameTaken])
        #expect(errors.first?.field == "teamName")
        #expect(errors.first?.messageRU == "Название команды «Олимпийцы» уже занято в этом событии (заявка №4); выберите другое")
    }

    @Test func foreignNomination() {
        let errors = RegistrationCheck.violations(
            of: draft(team, nomination: NominationID(rawValue: 9)), rules: rules,
            context: context(nominationEvent: EventID(rawValue: 2)), at: during)
        #expect(errors.map(\.code) == [.nominationNotInEvent])
    }

    @Test func editAfterRegistrationClosedEarlyIsAllowedUntilDeadline() {
        var early = rules
        early.window.closedEarlyAt = instant("2020-09-25 12:00:00", tomsk)
        let now = instant("2020-09-28 10:00:00", tomsk)
        #expect(RegistrationCheck.violations(of: draft(team), rules: early, context: context(), at: now).map(\.code) == [.registrationClosedEarly])
        #expect(RegistrationCheck.violations(of: draft(team), rules: early, context: context(), at: now, purpose: .edit).isEmpty)
        #expect(
            RegistrationCheck.violations(
                of: draft(team), rules: early, context: context(), at: instant("2020-10-01 00:00:00", tomsk), purpose: .edit
            ).map(\.code) == [.editAfterDeadline])
    }

    @Test func validateThrowsEverything() {
        var bad = team
        bad[0].grade = 7
        #expect(throws: RegistrationRefusal.self) {
            try RegistrationCheck.validate(draft(bad), rules: rules, context: context(), at: during)
        }
        do {
            try RegistrationCheck.validate(draft(bad), rules: rules, context: context(), at: during)
        } catch {
            #expect(error.errors.map(\.code) == [.gradeOutOfRange])
            #expect(error.httpStatus == 422)
        }
    }
}

extension RegistrationContext {
    func with(teamNameTakenBy id: ApplicationID) -> RegistrationContext {
        var copy = self
        copy.teamNameTakenBy = id
        return copy
    }
}
