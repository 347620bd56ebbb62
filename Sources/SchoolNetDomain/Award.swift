/// A result at an event, from the absolute winner down to a certificate of participation.
public enum Award: Sendable, Hashable {
    case absoluteWinner
    case winner
    case diplomaFirstDegree
    case diplomaSecondDegree
    case diplomaThirdDegree
    case prizewinner
    /// A nomination the jury adds, named by its title ("За артистизм").
    case specialNomination(title: String)
    case certificate

    /// The stable code stored in the database and sent by the API.
    public var code: String {
        switch self {
        case .absoluteWinner: "absolute_winner"
        case .winner: "winner"
        case .diplomaFirstDegree: "diploma_1"
        case .diplomaSecondDegree: "diploma_2"
        case .diplomaThirdDegree: "diploma_3"
        case .prizewinner: "prizewinner"
        case .specialNomination: "special"
        case .certificate: "certificate"
        }
    }

    /// All codes, best first.
    public static let codes = [
        "absolute_winner", "winner", "diploma_1", "diploma_2", "diploma_3", "prizewinner", "special", "certificate"
    ]

    /// From a stored code; `special` needs a non-blank title, which is trimmed.
    public init?(code: String, title: String? = nil) {
        switch code {
        case "absolute_winner": self = .absoluteWinner
        case "winner": self = .winner
        case "diploma_1": self = .diplomaFirstDegree
        case "diploma_2": self = .diplomaSecondDegree
        case "diploma_3": self = .diplomaThirdDegree
        case "prizewinner": self = .prizewinner
        case "certificate": self = .certificate
        case "special":
            guard let title = Award.cleanTitle(title) else { return nil }
            self = .specialNomination(title: title)
        default: return nil
        }
    }

    /// 1 for the absolute winner up to 8 for a certificate: lower is better, for sorting result tables.
    public var rank: Int {
        switch self {
        case .absoluteWinner: 1
        case .winner: 2
        case .diplomaFirstDegree: 3
        case .diplomaSecondDegree: 4
        case .diplomaThirdDegree: 5
        case .prizewinner: 6
        case .specialNomination: 7
        case .certificate: 8
        }
    }

    /// Winners, diplomas and prizewinners: the report's "победители и призёры" (not special nominations or certificates).
    public var isWinnerOrPrizewinner: Bool { rank <= 6 }

    public var nameRU: String {
        switch self {
        case .absoluteWinner: "абсолютный победитель"
        case .winner: "победитель"
        case .diplomaFirstDegree: "диплом I степени"
        case .diplomaSecondDegree: "диплом II степени"
        case .diplomaThirdDegree: "диплом III степени"
        case .prizewinner: "призёр"
        case .specialNomination(let title): "специальная номинация «\(title)»"
        case .certificate: "сертификат участника"
        }
    }

    public var nameEN: String {
        switch self {
        case .absoluteWinner: "absolute winner"
        case .winner: "winner"
        case .diplomaFirstDegree: "diploma of the 1st degree"
        case .diplomaSecondDegree: "diploma of the 2nd degree"
        case .diplomaThirdDegree: "diploma of the 3rd degree"
        case .prizewinner: "prizewinner"
        case .specialNomination(let title): "special nomination “\(title)”"
        case .certificate: "certificate of participation"
        }
    }

    /// The special nomination's title, nil for every other award.
    public var title: String? {
        if case .specialNomination(let title) = self { title } else { nil }
    }

    static func cleanTitle(_ title: String?) -> String? {
        let words = title?.split(whereSeparator: { $0.isWhitespace }) ?? []
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}

extension Award: Comparable {
    public static func < (lhs: Award, rhs: Award) -> Bool {
        (lhs.rank, lhs.title ?? "") < (rhs.rank, rhs.title ?? "")
    }
}

extension Award: Codable {
    private enum Keys: String, CodingKey { case code, title }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let code = try container.decode(String.self, forKey: .code)
        let title = try container.decodeIfPresent(String.self, forKey: .title)
        guard let award = Award(code: code, title: title) else {
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: container, debugDescription: "unknown award \(code) or special without a title")
        }
        self = award
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(title, forKey: .title)
    }
}
