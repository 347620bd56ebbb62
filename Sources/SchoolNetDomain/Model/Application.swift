import Foundation

/// An application (заявка) as stored: an organisation's entry to an event, its people and where it stands.
public struct Application: Sendable, Hashable, Codable {
    public var id: ApplicationID
    public var eventID: EventID
    public var organisationID: OrganisationID
    public var teamName: String?
    public var nominationID: NominationID?
    public var status: ApplicationStatus
    /// Why the organiser rejected it, or what the school said on withdrawing.
    public var statusReason: String?
    /// The teacher responsible (руководитель); personal data: only the school, the organiser and the admin see it.
    public var responsible: ResponsibleTeacher
    /// People taking part who are not named one by one (a choir, a class).
    public var headcount: Int?
    public var members: [ApplicationMember]
    public var entries: [ApplicationEntry]
    /// The user who submitted it, as they signed.
    public var submittedBy: String
    public var submittedAt: Date
    public var statusChangedAt: Date
    public var updatedAt: Date

    public init(
        id: ApplicationID, eventID: EventID, organisationID: OrganisationID, teamName: String? = nil,
        nominationID: NominationID? = nil, status: ApplicationStatus, statusReason: String? = nil,
        responsible: ResponsibleTeacher, headcount: Int? = nil, members: [ApplicationMember] = [],
        entries: [ApplicationEntry] = [], submittedBy: String, submittedAt: Date, statusChangedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.organisationID = organisationID
        self.teamName = teamName
        self.nominationID = nominationID
        self.status = status
        self.statusReason = statusReason
        self.responsible = responsible
        self.headcount = headcount
        self.members = members
        self.entries = entries
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.statusChangedAt = statusChangedAt
        self.updatedAt = updatedAt
    }

    // camelCase with "Id": the same names as the fields refusals point at, and clean in snake_case.
    enum CodingKeys: String, CodingKey {
        case id, eventID = "eventId", organisationID = "organisationId", teamName, nominationID = "nominationId"
        case status, statusReason, responsible, headcount, members, entries
        case submittedBy, submittedAt, statusChangedAt, updatedAt
    }
}

/// The teacher responsible for an application and how the organiser reaches them (e-mail or phone).
public struct ResponsibleTeacher: Sendable, Hashable, Codable {
    public var name: String
    public var email: String?
    public var phone: String?

    public init(name: String, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A person named in an application, as the registry knows them.
public struct ApplicationMember: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    public var kind: PersonKind
    public var role: MemberRole
    /// The grade recorded for the event's school year, if any.
    public var grade: Int?
    /// A consent to personal data processing is in force.
    public var hasConsent: Bool

    public init(
        personID: PersonID, lastName: String, firstName: String, patronymic: String? = nil, kind: PersonKind,
        role: MemberRole, grade: Int? = nil, hasConsent: Bool
    ) {
        self.personID = personID
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.kind = kind
        self.role = role
        self.grade = grade
        self.hasConsent = hasConsent
    }

    public var name: PersonName { PersonName(surname: lastName, givenName: firstName, patronymic: patronymic) }

    enum CodingKeys: String, CodingKey {
        case personID = "personId", lastName, firstName, patronymic, kind, role, grade, hasConsent
    }
}

/// What an entry is: raw values are the database's `entry_kind` labels.
public enum EntryKind: String, Sendable, Hashable, Codable, CaseIterable {
    case work
    case performance
    case project
}

/// A work, performance or project of an application, with its named authors and unnamed performers.
public struct ApplicationEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: EntryKind
    public var title: String
    public var nominationID: NominationID?
    public var headcount: Int?
    public var authors: [PersonID]

    public init(id: Int64, kind: EntryKind, title: String, nominationID: NominationID? = nil, headcount: Int? = nil, authors: [PersonID] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.nominationID = nominationID
        self.headcount = headcount
        self.authors = authors
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, nominationID = "nominationId", headcount, authors
    }
}
