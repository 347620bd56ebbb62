// Small closed vocabularies of an event; raw values are the database's enum labels.

/// Whether entries are single people or teams.
public enum ParticipationMode: String, Sendable, Hashable, Codable, CaseIterable {
    case individual
    case team
}

/// Where an event takes place.
public enum EventFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case inPerson = "in_person"
    case distance
    case mixed

    public var nameRU: String {
        switch self {
        case .inPerson: "очно"
        case .distance: "дистанционно"
        case .mixed: "очно-дистанционно"
        }
    }
}

/// The genres of events seen in the programme.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case festival
    case contest
    case conference
    case exhibition
    case proektoria
    case webinar
    case seminar
    case game
    case masterClass = "master_class"
    case other

    public var nameRU: String {
        switch self {
        case .festival: "фестиваль"
        case .contest: "конкурс"
        case .conference: "конференция"
        case .exhibition: "выставка"
        case .proektoria: "проектория"
        case .webinar: "вебинар"
        case .seminar: "семинар"
        case .game: "игра"
        case .masterClass: "мастер-класс"
        case .other: "другое"
        }
    }
}

/// Which module family an event (or a section of it) serves.
public enum AudienceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case pupils
    case teachers
}
