/// Someone in the registry: a pupil, preschooler, student or teacher.
/// PERSONAL DATA: `birthDate`; `description`, `debugDescription` and the mirror (`dump`) leave it out.
public struct Person: Sendable, Hashable, Codable {
    public var id: PersonID
    public var kind: PersonKind
    public var name: PersonName
    public var birthDate: LocalDate?
    /// The organisation the person is usually listed with (a teacher's school); a pupil's per year is in `PupilGrade`.
    public var organisationID: OrganisationID?

    public init(id: PersonID, kind: PersonKind, name: PersonName, birthDate: LocalDate? = nil, organisationID: OrganisationID? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.birthDate = birthDate
        self.organisationID = organisationID
    }
}

// Logs and test failures print people through these; a minor's birth date must never get there.
extension Person: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "Person(\(id.rawValue), \(kind.rawValue), \(name.short))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id, "kind": kind, "name": name, "organisationID": organisationID as Any])
    }
}

/// A person not yet in the registry, as a form or an imported list gives them.
public struct NewPerson: Sendable, Hashable, Codable {
    public var kind: PersonKind
    public var name: PersonName
    public var birthDate: LocalDate?
    public var organisationID: OrganisationID?

    public init(kind: PersonKind, name: PersonName, birthDate: LocalDate? = nil, organisationID: OrganisationID? = nil) {
        self.kind = kind
        self.name = name
        self.birthDate = birthDate
        self.organisationID = organisationID
    }
}

extension NewPerson: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "NewPerson(\(kind.rawValue), \(name.short))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "name": name, "organisationID": organisationID as Any])
    }
}

/// A candidate for "the same person" from the registry, best first.
public struct PersonMatch: Sendable, Hashable, Codable {
    public var personID: PersonID
    /// Both have a patronymic and it is the same; false when either is missing.
    public var samePatronymic: Bool
    /// Listed with the organisation asked about (usually, or in a grade record).
    public var sameOrganisation: Bool

    public init(personID: PersonID, samePatronymic: Bool, sameOrganisation: Bool) {
        self.personID = personID
        self.samePatronymic = samePatronymic
        self.sameOrganisation = sameOrganisation
    }
}
