import SchoolNetDomain

/// A school's edit of its application: the whole new state of what it may change (members are replaced).
public struct ApplicationChange: Sendable, Hashable, Codable {
    public var teamName: String?
    public var nominationID: NominationID?
    public var responsible: ResponsibleTeacher
    public var members: [MemberRequest]
    public var headcount: Int?
    public var entries: [EntryRequest]
    /// Correcting past years (admin only): skips the registration window, never eligibility or team rules.
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
        let c = try decoder.container(keyedBy: CodingKeys.self)
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
