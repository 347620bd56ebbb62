/// A network agreement (договор о сетевом взаимодействии) as recorded: its own number and term.
public struct NetworkAgreement: Sendable, Hashable, Codable {
    public var id: NetworkAgreementID
    public var organisationID: OrganisationID
    /// The agreement's own number, if it has one.
    public var number: String?
    public var membership: NetworkMembership

    public init(id: NetworkAgreementID, organisationID: OrganisationID, number: String? = nil, membership: NetworkMembership) {
        self.id = id
        self.organisationID = organisationID
        self.number = number
        self.membership = membership
    }
}
