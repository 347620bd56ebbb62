import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct SchoolYearTests {
    @Test(arguments: [
        ("2020-09-01", 2020), ("2020-10-02", 2020), ("2021-01-01", 2020), ("2021-08-31", 2020),
        ("2021-09-01", 2021), ("2020-08-31", 2019)
    ])
    func containingRunsFromSeptemberToAugust(date: String, start: Int) {
        #expect(SchoolYear.containing(.d(date)).startYear == start)
    }

    @Test func labelAndBounds() {
        let year = SchoolYear(startYear: 2020)
        #expect(year.label == "2020-2021")
        #expect(year.firstDay == .d("2020-09-01"))
        #expect(year.lastDay == .d("2021-08-31"))
        #expect(year.contains(.d("2021-08-31")))
        #expect(!year.contains(.d("2021-09-01")))
        #expect(!year.contains(.d("2020-08-31")))
        #expect(year.advanced(by: -1).label == "2019-2020")
        #expect(SchoolYear(startYear: 2019) < year)
    }

    @Test(arguments: [("2020-2021", 2020), ("2020–2021", 2020), (" 2019/2020 ", 2019)])
    func parsesLabels(label: String, start: Int) {
        #expect(SchoolYear(label: label)?.startYear == start)
    }

    @Test(arguments: ["2020-2022", "2021-2020", "2020", "учебный год", ""])
    func rejectsInconsistentLabels(label: String) {
        #expect(SchoolYear(label: label) == nil)
    }
}
