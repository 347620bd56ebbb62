import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct EligibilityTests {
    // «Спортивная мозаика», 2 October 2020: sixth-graders only.
    let sixthGrade = Eligibility(grades: 6...6, ageReferenceDate: .d("2020-10-02"))
    // «Умный дом»: ages 7-18 and teachers.
    let smartHome = Eligibility(allowTeachers: true, ages: 7...18, ageReferenceDate: .d("2020-10-27"))

    @Test func sixthGraderEnters() {
        #expect(sixthGrade.violations(for: pupil("Иванова Мария Петровна")).isEmpty)
    }

    @Test(arguments: [5, 7])
    func gradeOutsideRangeNamesThePupil(grade: Int) throws {
        let errors = sixthGrade.violations(for: pupil("Иванова Мария Петровна", grade: grade))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.code == .gradeOutOfRange)
        #expect(error.field == "grade")
        #expect(error.messageRU == "Иванова Мария: \(grade) класс в 2020-2021 учебном году, а допускаются только ученики 6 класса")
        #expect(error.messageEN == "Иванова Мария: grade \(grade) in 2020-2021, allowed grade 6 only")
        #expect(error.httpStatus == 422)
    }

    @Test(arguments: [(8, true), (11, true), (7, false), (12, false)])
    func gradeRangeBoundsAreInclusive(grade: Int, ok: Bool) {
        let readers = Eligibility(grades: 8...11, ageReferenceDate: .d("2020-10-19"))
        let errors = readers.violations(for: pupil("Петров Иван", grade: grade))
        #expect(errors.isEmpty == ok)
        if !ok { #expect(errors.first?.messageRU.hasSuffix("допускаются ученики 8–11 классов") == true) }
    }

    @Test func gradeIsCountedInTheEventsSchoolYear() {
        // Listed as a fifth-grader in spring 2020, a sixth-grader by October 2020.
        var moved = pupil("Сидоров Пётр", grade: 5)
        moved.gradeSchoolYear = SchoolYear(startYear: 2019)
        #expect(moved.grade(in: SchoolYear(startYear: 2020)) == 6)
        #expect(sixthGrade.violations(for: moved).isEmpty)
        moved.gradeSchoolYear = SchoolYear(startYear: 2020)
        #expect(sixthGrade.violations(for: moved).map(\.code) == [.gradeOutOfRange])
    }

    @Test func referenceDateInSeptemberBelongsToTheNewYear() {
        let rules = Eligibility(grades: 6...6, ageReferenceDate: .d("2020-09-01"))
        #expect(rules.schoolYear.label == "2020-2021")
        let augustRules = Eligibility(grades: 6...6, ageReferenceDate: .d("2020-08-31"))
        #expect(augustRules.schoolYear.label == "2019-2020")
    }

    @Test func missingGradeIsAskedFor() {
        let errors = sixthGrade.violations(for: pupil("Иванова Мария", grade: nil))
        #expect(errors.map(\.code) == [.gradeMissing])
        #expect(errors.first?.messageRU == "Иванова Мария: не указан класс, а событие проводится для учеников 6 класса")
    }

    @Test func ageLimitsAreInclusive() {
        func codes(_ born: String) -> [ErrorCode] {
            smartHome.violations(for: pupil("Козлов Артём", grade: nil, born: born)).map(\.code)
        }
        #expect(codes("2013-10-27") == [])  // 7 today
        #expect(codes("2013-10-28") == [.ageOutOfRange])  // 7 tomorrow
        #expect(codes("2001-10-28") == [])  // 18, turns 19 tomorrow
        #expect(codes("2001-10-27") == [.ageOutOfRange])  // 19 today
    }

    @Test func ageMessageNamesAgeAndDate() throws {
        let error = try #require(smartHome.violations(for: pupil("Козлов Артём", grade: nil, born: "2014-05-01")).first)
        #expect(error.field == "birthDate")
        #expect(error.messageRU == "Козлов Артём: на 27.10.2020 исполнилось 6 лет, а допускаются участники от 7 до 18 лет")
        #expect(error.messageEN == "Козлов Артём: aged 6 on 2020-10-27, allowed ages 7–18")
    }

    @Test(arguments: [(1, "1 год"), (2, "2 года"), (5, "5 лет"), (11, "11 лет"), (21, "21 год"), (22, "22 года")])
    func russianYearsAgree(n: Int, text: String) {
        #expect(RussianText.count(n, RussianText.years) == text)
    }

    @Test func missingBirthDateIsAskedForWhenAgeMatters() {
        let errors = smartHome.violations(for: pupil("Козлов Артём", grade: nil, born: nil))
        #expect(errors.map(\.code) == [.birthDateMissing])
        #expect(errors.first?.field == "birthDate")
    }

    @Test func teachersHaveNoAgeLimit() {
        #expect(smartHome.violations(for: teacher("Смирнова Ольга Ивановна", born: "1960-01-01")).isEmpty)
    }

    @Test func preschoolerNeedsPermission() {
        let kid = Entrant(name: PersonName(parsing: "Белова Ева")!, kind: .preschooler, birthDate: .d("2014-06-01"), hasConsent: true)
        let errors = sixthGrade.violations(for: kid)
        #expect(errors.map(\.code) == [.preschoolerNotAllowed])
        #expect(errors.first?.messageRU == "Белова Ева — воспитанник детского сада, а дошкольники в этом событии не участвуют")
        #expect(errors.first?.field == "kind")
        // «Умка»: preschoolers and first-graders; preschoolers have no grade to check.
        let umka = Eligibility(allowPreschoolers: true, grades: 1...1, ageReferenceDate: .d("2021-04-29"))
        #expect(umka.violations(for: kid).isEmpty)
    }

    @Test func teacherWhereOnlyPupilsEnter() {
        let errors = sixthGrade.violations(for: teacher("Смирнова Ольга Ивановна"))
        #expect(errors.map(\.code) == [.teacherNotAllowed])
        #expect(errors.first?.messageRU == "Смирнова Ольга — педагог, а в этом событии участвуют только обучающиеся")
        #expect(errors.first?.messageEN == "Смирнова Ольга is a teacher, but this event is for learners only")
    }

    @Test func pupilWhereOnlyTeachersEnter() {
        let cases = Eligibility(allowPupils: false, allowTeachers: true, ageReferenceDate: .d("2020-10-17"))
        #expect(cases.isTeachersOnly)
        let errors = cases.violations(for: pupil("Иванова Мария"))
        #expect(errors.map(\.code) == [.pupilNotAllowed])
        #expect(errors.first?.messageRU == "Иванова Мария — обучающийся, а это событие только для педагогов")
        #expect(cases.violations(for: teacher("Смирнова Ольга")).isEmpty)
    }

    @Test func studentsOnlyWhereAllowed() {
        let student = Entrant(name: PersonName(parsing: "Орлов Денис")!, kind: .student, birthDate: .d("2001-02-03"))
        #expect(sixthGrade.violations(for: student).map(\.code) == [.studentNotAllowed])
        let exhibition = Eligibility(allowStudents: true, grades: 1...11, ageReferenceDate: .d("2020-12-10"))
        #expect(exhibition.violations(for: student).isEmpty)
    }

    @Test func minorsNeedConsent() {
        let errors = sixthGrade.violations(for: pupil("Иванова Мария", consent: false))
        #expect(errors.map(\.code) == [.consentMissing])
        #expect(errors.first?.field == "consent")
        #expect(errors.first?.messageRU == "Иванова Мария: нет согласия родителей на обработку персональных данных (участнику меньше 18 лет)")
    }

    @Test func consentBoundaryIsTheEighteenthBirthday() {
        let readers = Eligibility(grades: 8...11, ageReferenceDate: .d("2020-10-19"))
        #expect(readers.violations(for: pupil("Орлова Вера", grade: 11, born: "2002-10-19", consent: false)).isEmpty)
        #expect(readers.violations(for: pupil("Орлова Вера", grade: 11, born: "2002-10-20", consent: false)).map(\.code) == [.consentMissing])
        // Unknown age: a pupil is presumed a minor, a teacher is not.
        #expect(readers.violations(for: pupil("Орлова Вера", grade: 11, born: nil, consent: false)).map(\.code) == [.consentMissing])
        let staff = Eligibility(allowPupils: false, allowTeachers: true, ageReferenceDate: .d("2020-10-19"))
        #expect(staff.violations(for: teacher("Смирнова Ольга", born: nil)).isEmpty)
    }

    @Test func reportsEveryIndependentProblemAtOnce() {
        let errors = Eligibility(grades: 6...6, ages: 11...13, ageReferenceDate: .d("2020-10-02"))
            .violations(for: pupil("Иванова Мария", grade: 9, born: "2005-01-01", consent: false))
        #expect(errors.map(\.code) == [.gradeOutOfRange, .ageOutOfRange, .consentMissing])
    }
}
