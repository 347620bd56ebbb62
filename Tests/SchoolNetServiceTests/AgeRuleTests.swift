import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// Registration and the analytics count a 29 February birthday the same way (age_in_years, migration 0013): the
/// pupil registration admits at age 9 or 21 on 28 February of a common year has that age in analytics.participation too.
@Suite(.serialized) struct AgeRuleTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("age_rule") }

    func analyticsAge(_ application: ApplicationID) throws -> [Int] {
        try fx.connect().query("SELECT age FROM analytics.participation WHERE application_id = $1", [application.rawValue])
            .map { try $0.decode(0, as: Int.self) }
    }

    @Test(arguments: [("2012-02-29", 9), ("2000-02-29", 21)])
    func aLeapDayPupilIsTheSameAgeForRegistrationAndAnalytics(born: String, age: Int) async throws {
        // 28 February 2021, a common year: the birthday falls on that day
        let event = try fx.event(EventSpec(grades: nil, ages: age...age, ageReferenceDate: "2021-02-28"))
        let outcome = try await fx.service().register(
            request(event, fx.schoolA, [pupil("Високосная\(age)", "Вера", grade: age == 9 ? 3 : 11, born: born)]), by: fx.school(fx.schoolA))
        #expect(try analyticsAge(outcome.application.id) == [age])
    }

    @Test func theDayBeforeTheBirthdayIsAYearYoungerInBoth() async throws {
        let event = try fx.event(EventSpec(grades: nil, ages: 9...9, ageReferenceDate: "2021-02-27"))
        await #expect(throws: RegistrationRefusal.self) {
            try await fx.service().register(
                request(event, fx.schoolA, [pupil("Високосный", "Ваня", grade: 3, born: "2012-02-29")]), by: fx.school(fx.schoolA))
        }
        let young = try fx.event(EventSpec(grades: nil, ages: 8...8, ageReferenceDate: "2021-02-27"))
        let outcome = try await fx.service().register(
            request(young, fx.schoolA, [pupil("Високосный", "Ваня", grade: 3, born: "2012-02-29")]), by: fx.school(fx.schoolA))
        #expect(try analyticsAge(outcome.application.id) == [8])
    }
}
