import Foundation
import PQ
import SchoolNetDomain
import SchoolNetImport
import SchoolNetService
import SchoolNetTestSupport
import Testing

/// One birth-date rule for registration (API, CLI) and the CSV import (issue 11, item 14): a date in the
/// future or before 1900 is refused by both, at the same bounds (`BirthDateBounds`).
@Suite(.serialized) struct BirthDateBoundsTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("birth_date_bounds") }

    /// Registration took a pupil born next year (and, at 2020-10-10, one born today).
    @Test(arguments: ["2021-03-01", "2020-10-10", "1899-12-31"])
    func registrationRefusesAnImplausibleBirthDateWithoutRepeatingIt(born: String) async throws {
        let event = try fx.event(EventSpec())
        do {
            _ = try await fx.service(at: RegistrationFixture.now).register(
                request(event, fx.schoolA, [pupil("Будущева", "Вера", born: born)]), by: fx.school(fx.schoolA))
            Issue.record("a pupil born \(born) was registered")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.code) == [.validation])
            #expect(refusal.errors.first?.field == "members[0].birthDate")
            #expect(refusal.errors.allSatisfy { !$0.messageEN.contains(born) && !$0.messageRU.contains(born) })
        }
    }

    @Test func registrationTakesYesterday() async throws {
        let event = try fx.event(EventSpec(grades: nil))
        _ = try await fx.service(at: RegistrationFixture.now).register(
            request(event, fx.schoolA, [pupil("Вчерашняя", "Вера", born: "2020-10-09")]), by: fx.school(fx.schoolA))
    }

    /// The import's SQL and the domain rule agree on every date around both bounds.
    @Test func theImportAndTheDomainRuleAgreeAtTheBounds() async throws {
        let pool = try ImportFixtures.pool("birth_date_bounds_import", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let today = LocalDate("2020-10-01")!
        let clock = FixedTime(today.startOfDay(in: RegistrationWindow.defaultTimeZone).addingTimeInterval(3 * 3600))
        let dates = ["1899-12-31", "1900-01-01", "1900-01-02", "2010-08-31", "2020-09-30", "2020-10-01", "2020-10-02", "2099-12-31"]
        let surnames = ["Альфа", "Бета", "Гамма", "Дельта", "Эпсилон", "Дзета", "Эта", "Тета"]
        var csv = "ФИО;Дата рождения;Класс;Школа\n"
        for (surname, born) in zip(surnames, dates) { csv += "\(surname) Ирина;\(born);4;гимназия 13\n" }
        let report = try await ImportService(pool: pool, clock: clock).importFile(.pupils, path: try ImportFixtures.file(Array(csv.utf8)))
        let rejectedLines = Set(report.rejections.map(\.line))
        for (index, born) in dates.enumerated() {
            let importTakes = !rejectedLines.contains(index + 2)
            #expect(importTakes == BirthDateBounds.contains(LocalDate(born)!, today: today), "\(born)")
        }
        #expect(report.inserted == 4)
    }
}
