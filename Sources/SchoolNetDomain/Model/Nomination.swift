/// A category of an event (вокал, хореография, робототехника); special ones are the jury's own.
public struct Nomination: Sendable, Hashable, Codable {
    public var id: NominationID
    public var eventID: EventID
    public var title: String
    public var isSpecial: Bool
    public var position: Int?

    public init(id: NominationID, eventID: EventID, title: String, isSpecial: Bool = false, position: Int? = nil) {
        self.id = id
        self.eventID = eventID
        self.title = title
        self.isSpecial = isSpecial
        self.position = position
    }
}

/// A nomination of an event being set up; its position is its place in `NewEvent.nominations`.
public struct NewNomination: Sendable, Hashable, Codable {
    public var title: String
    public var isSpecial: Bool

    public init(title: String, isSpecial: Bool = false) {
        self.title = title
        self.isSpecial = isSpecial
    }
}
