import SchoolNetDomain

/// A person proposed as a juror: their name, kind and the organisations they work for around an event's dates.
public struct JurorCandidate: Sendable, Hashable {
    public var id: PersonID
    public var name: PersonName
    /// The schema's `person_kind` label.
    public var kind: String
    /// Organisation name (short, else full) by id: the person's usual one and those of their staff roles.
    public var organisations: [OrganisationID: String]

    public init(id: PersonID, name: PersonName, kind: String, organisations: [OrganisationID: String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.organisations = organisations
    }
}
