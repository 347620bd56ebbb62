import SchoolNetDomain

/// Who to move into a stage: an application, or a person, meaning the active application they are in.
public enum AdvanceTarget: Sendable, Hashable, Codable {
    case application(ApplicationID)
    case person(PersonID)
}

/// What an advancement did: who moved, who was already there, and how full the stage is now.
public struct Advancement: Sendable, Hashable, Codable {
    public var stageID: StageID
    public var advanced: [ApplicationID]
    /// Named again although already in the stage: nothing was written for them.
    public var alreadyInStage: [ApplicationID]
    public var taken: Int
    public var capacity: Int?

    public init(stageID: StageID, advanced: [ApplicationID], alreadyInStage: [ApplicationID], taken: Int, capacity: Int?) {
        self.stageID = stageID
        self.advanced = advanced
        self.alreadyInStage = alreadyInStage
        self.taken = taken
        self.capacity = capacity
    }
}
