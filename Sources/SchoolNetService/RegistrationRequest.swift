import SchoolNetDomain

/// A school's application to an event: which event, for which organisation, and what it states (`change`: the
/// fields a school may change later, spelled once in `ApplicationChange`).
public struct RegistrationRequest: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var organisationID: OrganisationID
    /// Team, nomination, responsible teacher, members, headcount, entries, and whether it loads a past year.
    public var change: ApplicationChange
    /// The client's key for retrying safely (the Idempotency-Key header); not part of the hashed body.
    public var idempotencyKey: String?

    public init(eventID: EventID, organisationID: OrganisationID, change: ApplicationChange, idempotencyKey: String? = nil) {
        self.eventID = eventID
        self.organisationID = organisationID
        self.change = change
        self.idempotencyKey = idempotencyKey
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "eventId", organisationID = "organisationId", idempotencyKey
    }

    // One flat JSON object: the request's own members beside the change's, as the API's body writes them and as the
    // idempotency fingerprint (`canonicalJSON`) has always been computed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let change = try decoder.container(keyedBy: ApplicationChange.CodingKeys.self)
        self.init(
            eventID: try c.decode(EventID.self, forKey: .eventID),
            organisationID: try c.decode(OrganisationID.self, forKey: .organisationID),
            change: try ApplicationChange(from: change),
            idempotencyKey: try c.decodeIfPresent(String.self, forKey: .idempotencyKey)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.eventID, forKey: .eventID)
        try c.encode(self.organisationID, forKey: .organisationID)
        try c.encodeIfPresent(self.idempotencyKey, forKey: .idempotencyKey)
        try self.change.encode(to: encoder)
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
