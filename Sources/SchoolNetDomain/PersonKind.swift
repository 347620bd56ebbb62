/// What a person is at an event: decides which eligibility rules apply.
public enum PersonKind: String, Sendable, Hashable, Codable, CaseIterable {
    case pupil
    case preschooler
    case student
    case teacher

    public var nameRU: String {
        switch self {
        case .pupil: "обучающийся"
        case .preschooler: "воспитанник детского сада"
        case .student: "студент"
        case .teacher: "педагог"
        }
    }

    public var nameEN: String {
        switch self {
        case .pupil: "pupil"
        case .preschooler: "preschooler"
        case .student: "student"
        case .teacher: "teacher"
        }
    }
}
