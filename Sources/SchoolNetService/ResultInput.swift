import SchoolNetDomain

/// One line of results to record: an application's award in a nomination (nil: in the event as a whole).
public struct ResultInput: Sendable, Hashable, Codable {
    public var applicationID: ApplicationID
    public var nominationID: NominationID?
    /// An award code (`winner`, `diploma_1`, `special`...) as the API and spreadsheets send it; nil removes the result.
    public var award: String?
    /// The special nomination's title («За артистизм»); ignored for other awards.
    public var title: String?

    public init(applicationID: ApplicationID, nominationID: NominationID? = nil, award: String?, title: String? = nil) {
        self.applicationID = applicationID
        self.nominationID = nominationID
        self.award = award
        self.title = title
    }

    /// From a typed award; nil removes the result.
    public init(applicationID: ApplicationID, nominationID: NominationID? = nil, award: Award?) {
        self.init(applicationID: applicationID, nominationID: nominationID, award: award?.code, title: award?.title)
    }
}

/// What recording did, line by line summed up.
public struct ResultsWritten: Sendable, Hashable, Codable {
    public var created = 0
    public var changed = 0
    public var removed = 0
    /// Lines that repeated what was already recorded.
    public var unchanged = 0

    public init(created: Int = 0, changed: Int = 0, removed: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
    }
}
