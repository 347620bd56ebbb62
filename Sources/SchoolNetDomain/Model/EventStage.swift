/// A stage of an event as the organiser set it up (отборочный, заключительный), in `position` order.
public struct EventStage: Sendable, Hashable, Codable {
    public var id: StageID
    public var eventID: EventID
    /// 1 for the first stage.
    public var position: Int
    public var title: String
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var capacity: Int?

    public init(
        id: StageID, eventID: EventID, position: Int, title: String,
        startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, capacity: Int? = nil
    ) {
        self.id = id
        self.eventID = eventID
        self.position = position
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.capacity = capacity
    }
}

extension Array where Element == EventStage {
    /// The stages as `StageRules` takes them: the last by position is the final.
    public var rulesStages: [Stage] {
        let last = map(\.position).max()
        return map { Stage(id: $0.id, name: $0.title, number: $0.position, capacity: $0.capacity, isFinal: $0.position == last) }
    }
}

/// A stage of an event being set up; its position is its place in `NewEvent.stages`.
public struct NewStage: Sendable, Hashable, Codable {
    public var title: String
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var capacity: Int?

    public init(title: String, startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, capacity: Int? = nil) {
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.capacity = capacity
    }
}
