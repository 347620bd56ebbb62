import Foundation
import SchoolNetDomain
import Testing

@testable import SchoolNetWeb

/// The calendar's writer and the pages' wording, without a server.
@Suite struct ICalendarTests {
    @Test func foldingKeeps75OctetsAndNeverSplitsACharacter() throws {
        let long = "SUMMARY:" + String(repeating: "Ж", count: 100) + String(repeating: "a", count: 30) + "😀"
        let folded = ICalendar.fold(long)
        let lines = try ICS.physicalLines(Array(folded.utf8))
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        // Full lines: a two-octet letter that would make 76 goes to the next line.
        #expect(lines[0].utf8.count == 74 || lines[0].utf8.count == 75)
        #expect(ICS.unfold(lines) == [long])
        #expect(ICalendar.fold("SHORT:1") == "SHORT:1\r\n")
    }

    @Test func textEscapingCoversBackslashSemicolonCommaAndLineBreaks() {
        #expect(ICalendar.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendar.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendar.escape("tab\there\u{07}bell") == "tab\there" + "bell")
        #expect(ICS.unescape(ICalendar.escape(#"Физика, химия; \ итоги"#)) == #"Физика, химия; \ итоги"#)
    }

    @Test func instantsAreUTCAndDaysAreDates() {
        let deadline = LocalDate("2025-11-01")!.adding(days: 1).startOfDay(in: TimeZone(identifier: "Asia/Tomsk")!)
        #expect(ICalendar.utc(deadline) == "20251101T170000Z")
        #expect(ICalendar.date(LocalDate("2026-03-08")!) == "20260308")
    }

    @Test func zonesAreNamedWithTheirOffsetOnTheDay() {
        let winter = ISO8601DateFormatter().date(from: "2025-12-01T00:00:00Z")!
        let summer = ISO8601DateFormatter().date(from: "2025-07-01T00:00:00Z")!
        #expect(WebDates.zone(TimeZone(identifier: "Asia/Tomsk")!, at: winter) == "Asia/Tomsk, UTC+7")
        #expect(WebDates.zone(TimeZone(identifier: "Asia/Kolkata")!, at: winter) == "Asia/Kolkata, UTC+5:30")
        #expect(WebDates.zone(TimeZone(identifier: "Europe/Berlin")!, at: summer) == "Europe/Berlin, UTC+2")
        #expect(WebDates.zone(TimeZone(identifier: "America/St_Johns")!, at: winter) == "America/St_Johns, UTC−3:30")
    }

    @Test func spansSayTheSharedMonthAndYearOnce() {
        let d = { LocalDate($0)! }
        #expect(WebDates.span(d("2025-11-20"), d("2025-11-20"), .ru) == "20 ноября 2025 г.")
        #expect(WebDates.span(d("2025-11-20"), d("2025-11-22"), .ru) == "20–22 ноября 2025 г.")
        #expect(WebDates.span(d("2025-11-30"), d("2025-12-02"), .ru) == "30 ноября – 2 декабря 2025 г.")
        #expect(WebDates.span(d("2025-12-30"), d("2026-01-02"), .en) == "30 December 2025 – 2 January 2026")
    }

    @Test func russianNumbersAgree() {
        #expect(EventWording.participation(.team(2...21), .ru) == "Участие командное: в команде от 2 до 21 участника.")
        #expect(EventWording.participation(.team(2...11), .ru) == "Участие командное: в команде от 2 до 11 участников.")
        #expect(EventWording.participation(.team(3...3), .ru) == "Участие командное: в команде ровно 3 участника.")
        let ages = Eligibility(grades: nil, ages: 7...21, ageReferenceDate: LocalDate("2025-11-20")!)
        #expect(EventWording.who(ages, .ru) == "школьники в возрасте от 7 до 21 года (на 20 ноября 2025 г.)")
        var rules = EventRules(eligibility: ages, window: RegistrationWindow(opensAt: Date(), closesOn: LocalDate("2025-11-01")!))
        rules.perOrganisationLimit = 1
        #expect(EventWording.perSchool(rules, .ru) == "От одной школы — не больше 1 заявки.")
        rules.team = .team(2...5)
        rules.perOrganisationLimit = 21
        #expect(EventWording.perSchool(rules, .ru) == "От одной школы — не больше 21 команды.")
    }
}
