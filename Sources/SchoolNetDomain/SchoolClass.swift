/// A school class as written in lists: grade 1–11 and an optional letter ("6А", "6 А", "6").
public struct SchoolClass: Sendable, Hashable, Codable, CustomStringConvertible {
    public let grade: Int
    public let letter: String?

    public init?(grade: Int, letter: String? = nil) {
        guard SchoolClass.grades.contains(grade) else { return nil }
        self.grade = grade
        self.letter = letter.flatMap { $0.isEmpty ? nil : $0.uppercased() }
    }

    /// Parses "6А", "6 а", "6-А", "10Б", "6 класс" or "6"; nil for anything else.
    public init?(parsing text: String) {
        var rest = Substring(text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        for suffix in [" класс", "класс", " кл.", "кл.", " кл", "кл"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        let digits = rest.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, let grade = Int(digits) else { return nil }
        let tail = rest.dropFirst(digits.count).drop(while: { $0 == " " || $0 == "-" })
        guard tail.count <= 1, tail.allSatisfy(\.isLetter) else { return nil }
        self.init(grade: grade, letter: tail.first.map { String(SchoolClass.cyrillicLookAlikes[$0] ?? $0) })
    }

    /// "6А" or "6".
    public var description: String { "\(grade)\(letter ?? "")" }

    // A Latin "6A" typed on an English layout looks exactly like the Cyrillic "6А" and means it.
    private static let cyrillicLookAlikes: [Character: Character] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р", "t": "т", "x": "х", "y": "у"
    ]

    /// The grades of Russian general education.
    public static let grades = 1...11
}
