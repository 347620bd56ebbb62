/// A round of an event (qualifying at base schools, then the final), with its own capacity.
public struct Stage: Sendable, Hashable, Codable {
    public var id: StageID
    public var name: String
    /// 1 for the first round; results are recorded for the last.
    public var number: Int
    public var capacity: Int?
    public var isFinal: Bool

    public init(id: StageID, name: String, number: Int, capacity: Int? = nil, isFinal: Bool) {
        self.id = id
        self.name = name
        self.number = number
        self.capacity = capacity
        self.isFinal = isFinal
    }
}

/// Organiser moves between stages.
public enum StageRules {
    /// Refusals to move an entry (named by `entrant`) into `stage`: only accepted applications advance, into a stage with room.
    public static func checkAdvance(entrant: String, status: ApplicationStatus, into stage: Stage, stageTaken: Int, requested: Int = 1) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        if status != .accepted {
            errors.append(RegistrationError(
                .applicationNotAccepted, field: "status",
                ru: "\(entrant): на этап «\(stage.name)» переводят только принятые заявки, а эта \(status.nameRU)",
                en: "\(PersonName.transliterate(entrant)): only accepted applications advance to “\(PersonName.transliterate(stage.name))”, this one is \(status.nameEN)"
            ))
        }
        if let error = Capacity.checkStage(named: stage.name, taken: stageTaken, requested: requested, limit: stage.capacity) {
            errors.append(error)
        }
        return errors
    }
}
