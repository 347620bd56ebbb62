import SchoolNetDomain

/// What a school states in its application and may change later: team, nomination, responsible teacher, members,
/// headcount, entries. A registration (`RegistrationRequest`) wraps it; an edit sends it whole (members are replaced).
/// The one place these fields are spelled: the API's bodies, the CLI's file and a web form all build this.
public struct ApplicationChange: Sendable, Hashable, Codable {
    public var teamName: String?
    public var nominationID: NominationID?
    public var responsible: ResponsibleTeacher
    public var members: [MemberRequest]
    /// People taking part without being named one by one; counted towards a team's size.
    public var headcount: Int?
    public var entries: [EntryRequest]
    /// Loading or correcting past years (admin only): skips the registration window, never eligibility or team rules.
    public var historicalImport: Bool

    public init(
        teamName: String? = nil, nominationID: NominationID? = nil, responsible: ResponsibleTeacher, members: [MemberRequest],
        headcount: Int? = nil, entries: [EntryRequest] = [], historicalImport: Bool = false
    ) {
        self.teamName = teamName
        self.nominationID = nominationID
        self.responsible = responsible
        self.members = members
        self.headcount = headcount
        self.entries = entries
        self.historicalImport = historicalImport
    }

    enum CodingKeys: String, CodingKey {
        case teamName, nominationID = "nominationId", responsible, members, headcount, entries, historicalImport
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder.container(keyedBy: CodingKeys.self))
    }

    /// Reads the change's members from an object that may hold others beside them (a registration's event and
    /// organisation): the wrapper opens this container before it reads anything, so the strict decoder knows every
    /// member of the object even when the first value read is refused.
    init(from c: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(
            teamName: try c.decodeIfPresent(String.self, forKey: .teamName),
            nominationID: try c.decodeIfPresent(NominationID.self, forKey: .nominationID),
            responsible: try c.decode(ResponsibleTeacher.self, forKey: .responsible),
            members: try c.decodeIfPresent([MemberRequest].self, forKey: .members) ?? [],
            headcount: try c.decodeIfPresent(Int.self, forKey: .headcount),
            entries: try c.decodeIfPresent([EntryRequest].self, forKey: .entries) ?? [],
            historicalImport: try c.decodeIfPresent(Bool.self, forKey: .historicalImport) ?? false
        )
    }
}
