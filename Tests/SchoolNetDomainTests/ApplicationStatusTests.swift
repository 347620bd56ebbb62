import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct ApplicationStatusTests {
    typealias Action = ApplicationStatus.Action

    @Test(arguments: [
        (ApplicationStatus.submitted, Action.accept, ApplicationStatus.accepted),
        (.submitted, .reject, .rejected), (.accepted, .reject, .rejected),
        (.submitted, .withdraw, .withdrawn), (.accepted, .withdraw, .withdrawn),
        (.submitted, .edit, .submitted), (.accepted, .edit, .accepted)
    ])
    func allowedTransitions(from: ApplicationStatus, action: Action, to: ApplicationStatus) {
        #expect(from.after(action) == to)
    }

    @Test(arguments: [ApplicationStatus.rejected, .withdrawn])
    func finalStatesAllowNothing(status: ApplicationStatus) {
        #expect(status.isFinal)
        #expect(!status.holdsPlace)
        for action in Action.allCases { #expect(status.after(action) == nil) }
    }

    @Test func acceptingTwiceIsInvalid() {
        #expect(ApplicationStatus.accepted.after(.accept) == nil)
    }

    @Test func whoMayDoWhat() {
        #expect(ApplicationStatus.may(.organiser, .accept))
        #expect(ApplicationStatus.may(.organiser, .reject))
        #expect(!ApplicationStatus.may(.organiser, .withdraw))
        #expect(!ApplicationStatus.may(.organiser, .edit))
        #expect(ApplicationStatus.may(.school, .withdraw))
        #expect(ApplicationStatus.may(.school, .edit))
        #expect(!ApplicationStatus.may(.school, .accept))
        #expect(!ApplicationStatus.may(.school, .reject))
        for action in Action.allCases { #expect(ApplicationStatus.may(.regionalAdmin, action)) }
    }

    @Test func schoolCannotAcceptItsOwnApplication() {
        let error = refusal { () throws(RegistrationError) in try ApplicationStatus.submitted.applying(.accept, by: .school) }
        #expect(error?.code == .forbidden)
        #expect(error?.httpStatus == 403)
        #expect(error?.messageRU == "Принимать и отклонять заявки может только организатор события")
    }

    @Test func withdrawnApplicationCannotBeAccepted() {
        let error = refusal { () throws(RegistrationError) in try ApplicationStatus.withdrawn.applying(.accept, by: .organiser) }
        #expect(error?.code == .invalidTransition)
        #expect(error?.messageRU == "Заявку со статусом «отозвана» нельзя принять")
        #expect(error?.messageEN == "Cannot accept an application that is withdrawn")
    }

    @Test func happyPath() throws {
        let accepted = try ApplicationStatus.submitted.applying(.accept, by: .organiser)
        #expect(accepted == .accepted)
        #expect(try accepted.applying(.reject, by: .organiser, reason: "Работа не соответствует теме конкурса") == .rejected)
        #expect(try accepted.applying(.withdraw, by: .school) == .withdrawn)
    }

    @Test func withdrawalChecksRightsStatusThenDeadline() throws {
        let window = RegistrationWindow(opensAt: instant("2020-10-01 09:00:00", tomsk), closesOn: .d("2020-11-02"))
        let before = instant("2020-11-02 23:59:59", tomsk)
        let after = instant("2020-11-03 00:00:00", tomsk)
        #expect(try RegistrationCheck.checkWithdraw(status: .accepted, by: .school, window: window, at: before) == .withdrawn)
        func code(_ status: ApplicationStatus, _ actor: ActorRole, _ now: Date) -> ErrorCode? {
            refusal { () throws(RegistrationError) in
                try RegistrationCheck.checkWithdraw(status: status, by: actor, window: window, at: now)
            }?.code
        }
        #expect(code(.accepted, .school, after) == .withdrawAfterDeadline)
        #expect(code(.withdrawn, .school, before) == .invalidTransition)
        #expect(code(.submitted, .organiser, before) == .forbidden)
    }

    @Test func editChecksRightsStatusThenDeadline() {
        let window = RegistrationWindow(opensAt: instant("2020-10-01 09:00:00", tomsk), closesOn: .d("2020-11-02"))
        func code(_ status: ApplicationStatus, _ actor: ActorRole, _ now: String) -> ErrorCode? {
            refusal { () throws(RegistrationError) in
                try RegistrationCheck.checkEdit(status: status, by: actor, window: window, at: instant(now, tomsk))
            }?.code
        }
        #expect(code(.submitted, .school, "2020-11-02 23:59:59") == nil)
        #expect(code(.accepted, .school, "2020-11-02 23:59:59") == nil)
        #expect(code(.accepted, .school, "2020-11-03 00:00:00") == .editAfterDeadline)
        #expect(code(.rejected, .school, "2020-10-20 12:00:00") == .invalidTransition)
        #expect(code(.submitted, .organiser, "2020-10-20 12:00:00") == .forbidden)
    }

    @Test(arguments: [nil, "", "   "])
    func rejectionNeedsAReason(reason: String?) {
        let error = refusal { () throws(RegistrationError) in try ApplicationStatus.submitted.applying(.reject, by: .organiser, reason: reason) }
        #expect(error?.code == .rejectionReasonRequired)
        #expect(error?.field == "reason")
    }

    @Test func rightsAreCheckedBeforeTheReason() {
        let error = refusal { () throws(RegistrationError) in try ApplicationStatus.submitted.applying(.reject, by: .school) }
        #expect(error?.code == .forbidden)
    }

    @Test func actorRawValuesAreTheTokenRoles() {
        #expect(ActorRole.allCases.map(\.rawValue) == ["school", "organiser", "admin"])
    }

    @Test func rawValuesAreTheStoredLabels() {
        #expect(ApplicationStatus.allCases.map(\.rawValue) == ["submitted", "accepted", "rejected", "withdrawn"])
    }
}
