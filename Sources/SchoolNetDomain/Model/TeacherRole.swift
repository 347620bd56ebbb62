/// A teacher's standing role at an organisation; raw values are the database's `staff_role` labels.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
    case teacher
    case coordinator
    case mentor
    case youngTeacher = "young_teacher"
    case expert
    case administrator
}

/// A person holding a staff role at an organisation, from `since` until `until` when known.
public struct TeacherRole: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var organisationID: OrganisationID
    public var role: StaffRole
    public var since: LocalDate?
    public var until: LocalDate?

    public init(personID: PersonID, organisationID: OrganisationID, role: StaffRole, since: LocalDate? = nil, until: LocalDate? = nil) {
        self.personID = personID
        self.organisationID = organisationID
        self.role = role
        self.since = since
        self.until = until
    }
}
