/// A person's part in an application or event, as the report names them.
public enum MemberRole: String, Sendable, Hashable, Codable, CaseIterable {
    case participant
    case captain
    case mentor
    case youngTeacher = "young_teacher"
    case presenter
    case author
    case performer
    case juror
    case coordinator

    public var nameRU: String {
        switch self {
        case .participant: "участник"
        case .captain: "капитан"
        case .mentor: "наставник"
        case .youngTeacher: "молодой учитель"
        case .presenter: "докладчик"
        case .author: "автор"
        case .performer: "исполнитель"
        case .juror: "эксперт жюри"
        case .coordinator: "координатор"
        }
    }

    public var nameEN: String {
        switch self {
        case .participant: "participant"
        case .captain: "captain"
        case .mentor: "mentor"
        case .youngTeacher: "young teacher"
        case .presenter: "presenter"
        case .author: "author"
        case .performer: "performer"
        case .juror: "juror"
        case .coordinator: "coordinator"
        }
    }
}
