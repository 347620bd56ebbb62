import SchoolNetDomain

/// A result row as the recording checks need it.
public struct StoredResult: Sendable, Hashable {
    public var id: ResultID
    public var applicationID: ApplicationID
    /// Set when an entry (a work, a performance) rather than the whole application was judged.
    public var entryID: Int64?
    public var nominationID: NominationID?
    public var award: Award

    public init(id: ResultID, applicationID: ApplicationID, entryID: Int64?, nominationID: NominationID?, award: Award) {
        self.id = id
        self.applicationID = applicationID
        self.entryID = entryID
        self.nominationID = nominationID
        self.award = award
    }
}
