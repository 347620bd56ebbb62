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
    /// The stage results belong to: the one marked final, else the last by number; nil for a single-round event.
    public static func finalStage(of stages: [Stage]) -> Stage? {
        stages.first(where: \.isFinal) ?? stages.max(by: { $0.number < $1.number })
    }

    /// Whether an entry in stages `reached` may get a result: in a single-round event anyone, else only finalists.
    public static func reachedFinal(reached: Set<StageID>, stages: [Stage]) -> Bool {
        guard let final = finalStage(of: stages) else { return true }
        return reached.contains(final.id)
    }

    /// Refusals to move an entry (named by `entrant`) into `stage`: only accepted applications advance, into a stage with room.
    public static func checkAdvance(entrant: String, status: ApplicationStatus, into stage: Stage, stageTaken: Int, requested: Int = 1) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        if status != .accepted {
            errors.append(
                RegistrationError(
                    .applicationNotAccepted, field: "status",
                    ru: "\(entrant): на этап «\(stage.name)» переводят только принятые заявки, а эта \(status.nameRU)",
                    en: "\(entrant): only accepted applications advance to “\(stage.name)”, this one is \(status.nameEN)"
                ))
        }
        if let error = Capacity.checkStage(named: stage.name, taken: stageTaken, requested: requested, limit: stage.capacity) {
            errors.append(error)
        }
        return errors
    }
}
