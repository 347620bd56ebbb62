/// Who may enter an event: kinds of person, grades in the event's school year, ages on a reference date.
public struct Eligibility: Sendable, Hashable, Codable {
    public var allowPupils: Bool
    public var allowPreschoolers: Bool
    public var allowStudents: Bool
    public var allowTeachers: Bool
    /// Grades in the event's school year; applies to pupils only.
    public var grades: ClosedRange<Int>?
    /// Full years on `ageReferenceDate`; applies to everyone but teachers.
    public var ages: ClosedRange<Int>?
    /// The date ages are counted on (and minority for consent); usually the event's first day.
    public var ageReferenceDate: LocalDate
    /// The school year grades are counted in; by default the one containing the reference date.
    public var schoolYear: SchoolYear

    public init(
        allowPupils: Bool = true, allowPreschoolers: Bool = false, allowStudents: Bool = false,
        allowTeachers: Bool = false, grades: ClosedRange<Int>? = nil, ages: ClosedRange<Int>? = nil,
        ageReferenceDate: LocalDate, schoolYear: SchoolYear? = nil
    ) {
        self.allowPupils = allowPupils
        self.allowPreschoolers = allowPreschoolers
        self.allowStudents = allowStudents
        self.allowTeachers = allowTeachers
        self.grades = grades
        self.ages = ages
        self.ageReferenceDate = ageReferenceDate
        self.schoolYear = schoolYear ?? SchoolYear.containing(ageReferenceDate)
    }

    /// Only teachers may enter: the teachers' module.
    public var isTeachersOnly: Bool { allowTeachers && !allowPupils && !allowPreschoolers && !allowStudents }

    /// Every reason `entrant` may not enter; fields are relative to the entrant ("grade", "birthDate").
    public func violations(for entrant: Entrant) -> [RegistrationError] {
        let who = entrant.name.short
        let whoEN = entrant.name.short
        if let kindError = kindViolation(entrant, who, whoEN) { return [kindError] }

        var errors: [RegistrationError] = []
        if entrant.kind == .pupil, let grades {
            errors += gradeViolations(entrant, grades, who, whoEN)
        }
        if entrant.kind != .teacher, let ages {
            errors += ageViolations(entrant, ages, who, whoEN)
        }
        if entrant.isMinor(on: ageReferenceDate), !entrant.hasConsent {
            errors.append(
                RegistrationError(
                    .consentMissing, field: "consent",
                    ru: "\(who): нет согласия родителей на обработку персональных данных (участнику меньше 18 лет)",
                    en: "\(whoEN): no parental consent to personal data processing (the participant is under 18)"
                ))
        }
        return errors
    }

    private func kindViolation(_ entrant: Entrant, _ who: String, _ whoEN: String) -> RegistrationError? {
        switch entrant.kind {
        case .pupil where !allowPupils:
            RegistrationError(
                .pupilNotAllowed, field: "kind",
                ru: "\(who) — обучающийся, а это событие только для педагогов",
                en: "\(whoEN) is a pupil, but this event is for teachers only"
            )
        case .preschooler where !allowPreschoolers:
            RegistrationError(
                .preschoolerNotAllowed, field: "kind",
                ru: "\(who) — воспитанник детского сада, а дошкольники в этом событии не участвуют",
                en: "\(whoEN) is a preschooler, and this event does not admit preschoolers"
            )
        case .student where !allowStudents:
            RegistrationError(
                .studentNotAllowed, field: "kind",
                ru: "\(who) — студент, а студенты в этом событии не участвуют",
                en: "\(whoEN) is a university student, and this event does not admit students"
            )
        case .teacher where !allowTeachers:
            RegistrationError(
                .teacherNotAllowed, field: "kind",
                ru: "\(who) — педагог, а в этом событии участвуют только обучающиеся",
                en: "\(whoEN) is a teacher, but this event is for learners only"
            )
        default:
            nil
        }
    }

    private func gradeViolations(_ entrant: Entrant, _ grades: ClosedRange<Int>, _ who: String, _ whoEN: String) -> [RegistrationError] {
        guard let grade = entrant.grade(in: schoolYear) else {
            return [
                RegistrationError(
                    .gradeMissing, field: "grade",
                    ru: "\(who): не указан класс, а событие проводится для \(gradesRU(grades))",
                    en: "\(whoEN): grade is missing; the event is for \(gradesEN(grades))"
                )
            ]
        }
        guard !grades.contains(grade) else { return [] }
        return [
            RegistrationError(
                .gradeOutOfRange, field: "grade",
                ru: "\(who): \(gradeRU(grade)) в \(schoolYear.label) учебном году, а допускаются \(gradesRU(grades, nominative: true))",
                en: "\(whoEN): grade \(grade) in \(schoolYear.label), allowed \(gradesEN(grades))"
            )
        ]
    }

    private func ageViolations(_ entrant: Entrant, _ ages: ClosedRange<Int>, _ who: String, _ whoEN: String) -> [RegistrationError] {
        guard let birthDate = entrant.birthDate else {
            return [
                RegistrationError(
                    .birthDateMissing, field: "birthDate",
                    ru:
                        "\(who): не указана дата рождения, а возраст участников ограничен (\(RussianText.range(ages)) \(RussianText.plural(ages.upperBound, RussianText.years)))",
                    en: "\(whoEN): birth date is missing, and the event has an age limit (\(RussianText.range(ages)))"
                )
            ]
        }
        let age = birthDate.age(on: ageReferenceDate)
        guard !ages.contains(age) else { return [] }
        return [
            RegistrationError(
                .ageOutOfRange, field: "birthDate",
                ru: "\(who): на \(ageReferenceDate.russian) исполнилось \(RussianText.count(age, RussianText.years)), а допускаются участники \(agesRU(ages))",
                en: "\(whoEN): aged \(age) on \(ageReferenceDate.iso), allowed ages \(RussianText.range(ages))"
            )
        ]
    }

    private func gradeRU(_ grade: Int) -> String { grade < 1 ? "дошкольная группа" : "\(grade) класс" }

    private func gradesRU(_ grades: ClosedRange<Int>, nominative: Bool = false) -> String {
        let lead = nominative ? "ученики " : "учеников "
        return grades.lowerBound == grades.upperBound
            ? "\(nominative ? "только " : "")\(lead)\(grades.lowerBound) класса"
            : "\(lead)\(RussianText.range(grades)) классов"
    }

    private func gradesEN(_ grades: ClosedRange<Int>) -> String {
        grades.lowerBound == grades.upperBound ? "grade \(grades.lowerBound) only" : "grades \(RussianText.range(grades))"
    }

    private func agesRU(_ ages: ClosedRange<Int>) -> String {
        ages.lowerBound == ages.upperBound
            ? "\(RussianText.count(ages.lowerBound, RussianText.years))"
            : "от \(ages.lowerBound) до \(RussianText.count(ages.upperBound, ("года", "лет", "лет")))"
    }
}
