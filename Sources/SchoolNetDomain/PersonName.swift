import Foundation

/// A Russian full name (ФИО): surname, given name, optional patronymic.
public struct PersonName: Sendable, Hashable, Codable, CustomStringConvertible {
    public let surname: String
    public let givenName: String
    public let patronymic: String?

    public init(surname: String, givenName: String, patronymic: String? = nil) {
        self.surname = surname
        self.givenName = givenName
        self.patronymic = patronymic.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses a ФИО as spreadsheets write it (extra spaces, any case, no or two-word patronymic); nil below two words.
    public init?(parsing fio: String) {
        // Re-case only a list typed all in capitals or all in lowercase: "Ахмед оглы" and "МакДональд" are deliberate.
        let uniform = fio == fio.uppercased() || fio == fio.lowercased()
        let words = fio.split(whereSeparator: { $0.isWhitespace }).map { uniform ? PersonName.capitalize(String($0)) : String($0) }
        guard words.count >= 2 else { return nil }
        self.init(
            surname: words[0],
            givenName: words[1],
            patronymic: words.count > 2 ? words[2...].joined(separator: " ") : nil
        )
    }

    /// "Иванова Мария Петровна"
    public var full: String { [surname, givenName, patronymic].compactMap { $0 }.joined(separator: " ") }

    /// "Иванова Мария": how messages and public results name a person.
    public var short: String { "\(surname) \(givenName)" }

    /// "Ivanova Maria": the short name in Latin letters. Not for messages: English ones keep names as written.
    public var shortLatin: String { PersonName.transliterate(short) }

    public var description: String { full }

    /// Matching key for de-duplication, equal to the database's `normalize_person_name(full)`.
    public var normalizedKey: String { PersonName.normalizedKey(full) }

    /// Lowercase, ё as е, hyphens and other punctuation as single spaces: "ФЁДОРОВА-Ли  Алёна" -> "федорова ли алена".
    public static func normalizedKey(_ text: String) -> String {
        NameFolding.words(NameFolding.fold(text))
    }

    private static func capitalize(_ word: String) -> String {
        word.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: "-")
    }

    private static let latin: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"
    ]

    /// Readable romanisation ("Мария" -> "Maria", "Юлия" -> "Yulia"); Latin letters pass through. Messages do not
    /// use it: a name is its holder's, and "Kozlov Artyom" is not how a school finds Козлов Артём in its list.
    public static func transliterate(_ text: String) -> String {
        var result = ""
        var previous: Character? = nil
        for character in text {
            let lower = Character(character.lowercased())
            guard var latin = latin[lower] else {
                result.append(character)
                previous = lower
                continue
            }
            // "ия" reads as "ia" in the familiar spellings (Maria, Natalia), not "iya".
            if lower == "я", previous == "и" { latin = "a" }
            if character != lower, let first = latin.first {
                latin = first.uppercased() + latin.dropFirst()
            }
            result += latin
            previous = lower
        }
        return result
    }
}
