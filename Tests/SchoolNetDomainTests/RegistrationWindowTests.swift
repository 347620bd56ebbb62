import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct RegistrationWindowTests {
    // «Дни юности мятежной»: registration until 2 November 2020, organiser in Tomsk.
    let window = RegistrationWindow(opensAt: instant("2020-10-01 09:00:00", tomsk), closesOn: .d("2020-11-02"))

    @Test func defaultsToTomskTime() {
        #expect(window.timeZone.identifier == "Asia/Tomsk")
        #expect(window.deadline == instant("2020-11-02 17:00:00", TimeZone(identifier: "UTC")!))
    }

    @Test func openFromOpeningInstantUntilLastSecondOfClosingDay() {
        #expect(window.checkSubmit(at: instant("2020-10-01 08:59:59", tomsk))?.code == .registrationNotOpen)
        #expect(window.checkSubmit(at: instant("2020-10-01 09:00:00", tomsk)) == nil)
        #expect(window.checkSubmit(at: instant("2020-11-02 23:59:59", tomsk)) == nil)
        #expect(window.checkSubmit(at: instant("2020-11-03 00:00:00", tomsk))?.code == .registrationClosed)
        #expect(window.isOpen(at: instant("2020-10-15 12:00:00", tomsk)))
        #expect(!window.isOpen(at: instant("2021-01-01 12:00:00", tomsk)))
    }

    // A school in North Kazakhstan is two hours behind Tomsk (in 2020 Almaty was UTC+6, one hour behind):
    // the deadline is the organiser's midnight, not theirs.
    @Test func deadlineIsOrganisersMidnightForSchoolsInOtherZones() {
        #expect(window.checkSubmit(at: instant("2020-11-02 22:59:59", almaty)) == nil)
        #expect(window.checkSubmit(at: instant("2020-11-02 23:00:00", almaty))?.code == .registrationClosed)
    }

    @Test func eventInKazakhstanClosesAtItsOwnMidnight() {
        // Since March 2024 all of Kazakhstan is UTC+5: Tomsk is two hours ahead.
        let kz = RegistrationWindow(opensAt: instant("2026-10-01 00:00:00", qostanay), closesOn: .d("2026-11-02"), timeZone: qostanay)
        #expect(kz.checkSubmit(at: instant("2026-11-02 23:59:59", qostanay)) == nil)
        #expect(kz.checkSubmit(at: instant("2026-11-03 01:59:59", tomsk)) == nil)
        #expect(kz.checkSubmit(at: instant("2026-11-03 00:00:00", qostanay))?.code == .registrationClosed)
        #expect(kz.checkSubmit(at: instant("2026-11-03 02:00:00", tomsk))?.code == .registrationClosed)
        #expect(kz.deadline == instant("2026-11-02 19:00:00", TimeZone(identifier: "UTC")!))
        let almaty2026 = RegistrationWindow(opensAt: kz.opensAt, closesOn: kz.closesOn, timeZone: almaty)
        #expect(almaty2026.deadline == kz.deadline)
    }

    @Test func closedEarlyByOrganiser() {
        var early = window
        early.closedEarlyAt = instant("2020-10-28 15:30:00", tomsk)
        #expect(early.checkSubmit(at: instant("2020-10-28 15:29:59", tomsk)) == nil)
        let error = early.checkSubmit(at: instant("2020-10-28 15:30:00", tomsk))
        #expect(error?.code == .registrationClosedEarly)
        #expect(error?.messageRU == "Организатор досрочно закрыл приём заявок 28.10.2020 15:30 (время Asia/Tomsk)")
        #expect(error?.messageEN == "The organiser closed registration early at 2020-10-28 15:30 (Asia/Tomsk time)")
        // After the deadline the plain reason wins: the window would be closed anyway.
        #expect(early.checkSubmit(at: instant("2020-11-03 00:00:00", tomsk))?.code == .registrationClosed)
        // Edits and withdrawals stay possible until the deadline.
        #expect(early.checkEdit(at: instant("2020-11-01 10:00:00", tomsk)) == nil)
        #expect(early.checkWithdraw(at: instant("2020-11-01 10:00:00", tomsk)) == nil)
    }

    @Test func messagesSayWhenInTheEventsZone() {
        let notOpen = window.checkSubmit(at: instant("2020-09-30 12:00:00", tomsk))
        #expect(notOpen?.messageRU == "Приём заявок ещё не начался: он откроется 01.10.2020 09:00 (время Asia/Tomsk)")
        #expect(notOpen?.messageEN == "Registration is not open yet: it opens at 2020-10-01 09:00 (Asia/Tomsk time)")
        let closed = window.checkSubmit(at: instant("2020-11-03 00:00:00", tomsk))
        #expect(closed?.messageRU == "Приём заявок закончился 2 ноября 2020 г. в 24:00 (время Asia/Tomsk)")
        #expect(closed?.messageEN == "Registration ended at the end of 2 November 2020 (Asia/Tomsk time)")
        #expect(closed?.httpStatus == 409)
    }

    @Test func editAndWithdrawEndAtTheDeadline() {
        let last = instant("2020-11-02 23:59:59", tomsk)
        let after = instant("2020-11-03 00:00:00", tomsk)
        #expect(window.checkEdit(at: last) == nil)
        #expect(window.checkWithdraw(at: last) == nil)
        #expect(window.checkEdit(at: after)?.code == .editAfterDeadline)
        #expect(window.checkWithdraw(at: after)?.code == .withdrawAfterDeadline)
        #expect(window.checkEdit(at: after)?.messageRU.contains("2 ноября 2020 г.") == true)
    }

    @Test func timeSourcesAreInjected() {
        let fixed = FixedTime(instant("2020-11-02 23:59:59", tomsk))
        #expect(fixed.now() == fixed.now())
        #expect(window.isOpen(at: fixed.now()))
        let clock: any TimeSource = SystemTime()
        #expect(abs(clock.now().timeIntervalSinceNow) < 5)
    }

    @Test func roundTripsThroughJSON() throws {
        var early = window
        early.closedEarlyAt = instant("2020-10-28 15:30:00", tomsk)
        let data = try JSONEncoder().encode(early)
        #expect(try JSONDecoder().decode(RegistrationWindow.self, from: data) == early)
    }
}
