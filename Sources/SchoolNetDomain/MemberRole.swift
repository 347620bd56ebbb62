/// A person's part in one application; raw values are the database's `participant_role` labels.
public enum MemberRole: String, Sendable, Hashable, Codable, CaseIterable {
    case participant
    case captain
    case mentor
    case youngTeacher = "young_teacher"
    case presenter
    /// A teacher who prepared the entrants without taking part («руководитель»).
    case supervisor
    /// One of several authors of a project or work.
    case author

    public var nameRU: String {
        switch self {
        case .participant: "участник"
        case .captain: "капитан"
        case .mentor: "наставник"
        case .youngTeacher: "молодой учитель"
        case .presenter: "докладчик"
        case .supervisor: "руководитель"
        case .author: "автор"
        }
    }

    public var nameEN: String {
        switch self {
        case .participant: "participant"
        case .captain: "captain"
        case .mentor: "mentor"
        case .youngTeacher: "young teacher"
        case .presenter: "presenter"
        case .supervisor: "supervisor"
        case .author: "author"
        }
    }
}
