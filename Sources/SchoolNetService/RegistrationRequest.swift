import SchoolNetDomain

/// A school's application to an event: who takes part, who is responsible, and what they enter.
public struct RegistrationRequest: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var organisationID: OrganisationID
    public var teamName: String?
    public var nominationID: NominationID?
    public var responsible: ResponsibleTeacher
    public var members: [MemberRequest]
    /// People taking part without being named one by one; counted towards a team's size.
    public var headcount: Int?
    public var entries: [EntryRequest]
    /// The client's key for retrying safely (the Idempotency-Key header); not part of the hashed body.
    public var idempotencyKey: String?
    /// Loading past years (admin only): skips the registration window, never eligibility or team rules.
    public var historicalImport: Bool

    public init(
        eventID: EventID, organisationID: OrganisationID, teamName: String? = nil, nominationID: NominationID? = nil,
        responsible: ResponsibleTeacher, members: [MemberRequest], headcount: Int? = nil, entries: [EntryRequest] = [],
        idempotencyKey: String? = nil, historicalImport: Bool = false
    ) {
        self.eventID = eventID
        self.organisationID = organisationID
        self.teamName = teamName
        self.nominationID = nominationID
        self.responsible = responsible
        self.members = members
        self.headcount = headcount
        self.entries = entries
        self.idempotencyKey = idempotencyKey
        self.historicalImport = historicalImport
    }

    /// The part a school may change later.
    public var change: ApplicationChange {
        ApplicationChange(
            teamName: teamName, nominationID: nominationID, responsible: responsible, members: members,
            headcount: headcount, entries: entries, historicalImport: historicalImport
        )
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "eventId", organisationID = "organisationId", teamName, nominationID = "nominationId"
        case responsible, members, headcount, entries, idempotencyKey, historicalImport
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            eventID: try c.decode(EventID.self, forKey: .eventID),
            organisationID: try c.decode(OrganisationID.self, forKey: .organisationID),
            teamName: try c.decodeIfPresent(String.self, forKey: .teamName),
            nominationID: try c.decodeIfPresent(NominationID.self, forKey: .nominationID),
            responsible: try c.decode(ResponsibleTeacher.self, forKey: .responsible),
            members: try c.decodeIfPresent([MemberRequest].self, forKey: .members) ?? [],
            headcount: try c.decodeIfPresent(Int.self, forKey: .headcount),
            entries: try c.decodeIfPresent([EntryRequest].self, forKey: .entries) ?? [],
            idempotencyKey: try c.decodeIfPresent(String.self, forKey: .idempotencyKey),
            historicalImport: try c.decodeIfPresent(Bool.self, forKey: .historicalImport) ?? false
        )
    }
}

/// A person as the school lists them in an application.
public struct MemberRequest: Sendable, Hashable, Codable {
    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    public var birthDate: LocalDate?
    public var kind: PersonKind
    /// The grade in the event's school year (0 = preschool group).
    public var grade: Int?
    public var role: MemberRole
    /// The school states it holds the parents' consent to personal data processing.
    public var consent: Bool

    public init(
        lastName: String, firstName: String, patronymic: String? = nil, birthDate: LocalDate? = nil,
        kind: PersonKind, grade: Int? = nil, role: MemberRole = .participant, consent: Bool = false
    ) {
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.birthDate = birthDate
        self.kind = kind
        self.grade = grade
        self.role = role
        self.consent = consent
    }

    enum CodingKeys: String, CodingKey {
        case lastName, firstName, patronymic, birthDate, kind, grade, role, consent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lastName: try c.decode(String.self, forKey: .lastName),
            firstName: try c.decode(String.self, forKey: .firstName),
            patronymic: try c.decodeIfPresent(String.self, forKey: .patronymic),
            birthDate: try c.decodeIfPresent(LocalDate.self, forKey: .birthDate),
            kind: try c.decode(PersonKind.self, forKey: .kind),
            grade: try c.decodeIfPresent(Int.self, forKey: .grade),
            role: try c.decodeIfPresent(MemberRole.self, forKey: .role) ?? .participant,
            consent: try c.decodeIfPresent(Bool.self, forKey: .consent) ?? false
        )
    }
}

/// A work, performance or project entered with an application.
public struct EntryRequest: Sendable, Hashable, Codable {
    public var kind: EntryKind
    public var title: String
    public var nominationID: NominationID?
    /// Performers not named one by one (a choir's number).
    public var headcount: Int?
    /// Authors as positions in the application's `members`.
    public var authors: [Int]

    public init(kind: EntryKind, title: String, nominationID: NominationID? = nil, headcount: Int? = nil, authors: [Int] = []) {
        self.kind = kind
        self.title = title
        self.nominationID = nominationID
        self.headcount = headcount
        self.authors = authors
    }

    enum CodingKeys: String, CodingKey {
        case kind, title, nominationID = "nominationId", headcount, authors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try c.decode(EntryKind.self, forKey: .kind),
            title: try c.decode(String.self, forKey: .title),
            nominationID: try c.decodeIfPresent(NominationID.self, forKey: .nominationID),
            headcount: try c.decodeIfPresent(Int.self, forKey: .headcount),
            authors: try c.decodeIfPresent([Int].self, forKey: .authors) ?? []
        )
    }
}
