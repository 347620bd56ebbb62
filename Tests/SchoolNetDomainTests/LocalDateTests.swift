import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("2020-10-02", 2020, 10, 2), ("31.08.2010", 2010, 8, 31), ("1.9.2020", 2020, 9, 1),
        ("  2021-05-11 ", 2021, 5, 11), ("29.02.2020", 2020, 2, 29)
    ])
    func parsesIsoAndRussianForms(text: String, year: Int, month: Int, day: Int) {
        #expect(LocalDate(text) == LocalDate(year: year, month: month, day: day))
    }

    @Test(arguments: ["", "2020-13-01", "31.04.2021", "29.02.2021", "2020/10/02", "02.10.20", "20-10-2020", "2020-10-02T00:00", "٢٠٢٠-10-02", "a.b.c"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func printsBothForms() {
        let date = LocalDate.d("2020-10-02")
        #expect(date.iso == "2020-10-02")
        #expect(date.russian == "02.10.2020")
        #expect("\(date)" == "2020-10-02")
    }

    @Test func ordersChronologically() {
        #expect(LocalDate.d("2020-12-31") < LocalDate.d("2021-01-01"))
        #expect(LocalDate.d("2021-01-02") > LocalDate.d("2021-01-01"))
        #expect([LocalDate.d("2021-05-11"), .d("2020-10-02")].sorted() == [.d("2020-10-02"), .d("2021-05-11")])
    }

    @Test(arguments: [
        ("2010-08-31", "2020-08-30", 9), ("2010-08-31", "2020-08-31", 10), ("2010-08-31", "2020-09-01", 10),
        ("2002-10-02", "2020-10-01", 17), ("2002-10-02", "2020-10-02", 18),
        ("2008-02-29", "2026-02-27", 17), ("2008-02-29", "2026-02-28", 18), ("2008-02-29", "2028-02-28", 19), ("2008-02-29", "2028-02-29", 20)
    ])
    func ageCountsWholeYears(born: String, on: String, age: Int) {
        #expect(LocalDate.d(born).age(on: .d(on)) == age)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() {
        #expect(LocalDate.d("2020-02-28").adding(days: 1) == .d("2020-02-29"))
        #expect(LocalDate.d("2021-02-28").adding(days: 1) == .d("2021-03-01"))
        #expect(LocalDate.d("2020-12-31").adding(days: 1) == .d("2021-01-01"))
        #expect(LocalDate.d("2021-01-01").adding(days: -1) == .d("2020-12-31"))
        #expect(LocalDate.d("2020-10-19").adding(days: 14) == .d("2020-11-02"))
    }

    @Test func startOfDayIsLocalMidnight() {
        let start = LocalDate.d("2020-11-03").startOfDay(in: tomsk)
        #expect(start == instant("2020-11-02 17:00:00", TimeZone(identifier: "UTC")!))
        #expect(LocalDate(start, in: tomsk) == .d("2020-11-03"))
        #expect(LocalDate(start.addingTimeInterval(-1), in: tomsk) == .d("2020-11-02"))
    }

    @Test func codesAsIsoString() throws {
        let data = try JSONEncoder().encode([LocalDate.d("31.08.2010")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2010-08-31"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [.d("2010-08-31")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2010-02-30"]"#.utf8)) }
    }
}

@Suite struct DaylightSavingTests {
    // Chile moves clocks from 00:00 to 01:00: a day there can begin at 01:00, and the deadline must still be that day's start.
    @Test func dayStartingInADstGapBeginsAtTheFirstRealInstant() throws {
        let santiago = try #require(TimeZone(identifier: "America/Santiago"))
        let start = LocalDate.d("2022-09-11").startOfDay(in: santiago)
        #expect(LocalDate(start, in: santiago) == .d("2022-09-11"))
        #expect(LocalDate(start.addingTimeInterval(-1), in: santiago) == .d("2022-09-10"))
        let window = RegistrationWindow(opensAt: start.addingTimeInterval(-86_400 * 10), closesOn: .d("2022-09-10"), timeZone: santiago)
        #expect(window.deadline == start)
    }
}
