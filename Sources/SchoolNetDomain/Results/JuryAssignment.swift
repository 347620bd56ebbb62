import Foundation

/// A juror judging an event, one nomination of it, or one stage.
public struct JuryAssignment: Sendable, Hashable, Codable {
    /// The schema's `jury_role`.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case chair
        case member
    }

    public var id: JuryAssignmentID
    public var eventID: EventID
    public var personID: PersonID
    /// "Кузнецова Ольга"
    public var jurorName: String
    public var nominationID: NominationID?
    public var stageID: StageID?
    public var role: Role
    public var assignedAt: Date

    public init(
        id: JuryAssignmentID, eventID: EventID, personID: PersonID, jurorName: String,
        nominationID: NominationID?, stageID: StageID?, role: Role, assignedAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.personID = personID
        self.jurorName = jurorName
        self.nominationID = nominationID
        self.stageID = stageID
        self.role = role
        self.assignedAt = assignedAt
    }
}
