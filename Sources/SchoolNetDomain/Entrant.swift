/// A person named in an application: the individual entrant, or one member of a team.
public struct Entrant: Sendable, Hashable, Codable {
    /// Known once the person is in the registry; nil for someone typed in for the first time.
    public var personID: PersonID?
    public var name: PersonName
    public var kind: PersonKind
    public var role: MemberRole
    public var birthDate: LocalDate?
    /// The grade as the school reported it, in `gradeSchoolYear`.
    public var grade: Int?
    /// The school year `grade` was reported for; nil means the event's own year.
    public var gradeSchoolYear: SchoolYear?
    /// Consent to personal data processing, given by a parent for a minor.
    public var hasConsent: Bool

    public init(
        personID: PersonID? = nil, name: PersonName, kind: PersonKind, role: MemberRole = .participant,
        birthDate: LocalDate? = nil, grade: Int? = nil, gradeSchoolYear: SchoolYear? = nil, hasConsent: Bool = false
    ) {
        self.personID = personID
        self.name = name
        self.kind = kind
        self.role = role
        self.birthDate = birthDate
        self.grade = grade
        self.gradeSchoolYear = gradeSchoolYear
        self.hasConsent = hasConsent
    }

    /// The grade in `year`: a pupil listed in grade 5 in 2019-2020 is in grade 6 in 2020-2021.
    public func grade(in year: SchoolYear) -> Int? {
        guard let grade else { return nil }
        guard let recorded = gradeSchoolYear else { return grade }
        return grade + (year.startYear - recorded.startYear)
    }

    /// Whether this person counts as a minor on `date`; pupils and preschoolers of unknown age are presumed minors.
    public func isMinor(on date: LocalDate) -> Bool {
        if let birthDate { return birthDate.age(on: date) < 18 }
        return kind == .pupil || kind == .preschooler
    }

    /// Identity within one request: the registry id, else the normalised name with the birth date.
    public var identityKey: String {
        if let personID { return "id:\(personID.rawValue)" }
        return "name:\(name.normalizedKey)|\(birthDate?.iso ?? "?")"
    }
}
