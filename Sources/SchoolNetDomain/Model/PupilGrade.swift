/// A pupil's school and grade in one school year (grade 0 is the preschool group).
public struct PupilGrade: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var schoolYear: SchoolYear
    public var organisationID: OrganisationID
    public var grade: Int
    /// The class letter, "А" in "6А".
    public var classLetter: String?

    public init(personID: PersonID, schoolYear: SchoolYear, organisationID: OrganisationID, grade: Int, classLetter: String? = nil) {
        self.personID = personID
        self.schoolYear = schoolYear
        self.organisationID = organisationID
        self.grade = grade
        self.classLetter = classLetter
    }
}
