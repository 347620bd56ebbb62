/// Matching keys for school names, which lists write inconsistently ("гимназия 13", «МАОУ гимназия № 13 г. Томска»).
public enum OrganisationName {
    /// The same key as the database's `normalize_name()`, so the service can match names in memory as PostgreSQL does.
    public static func normalizedKey(_ name: String) -> String {
        var text = " " + splitDigitsFromLetters(NameFolding.words(NameFolding.fold(name))) + " "
        for (long, short) in longForms {
            text = text.replacingOccurrences(of: long, with: short)
        }
        return text.split(separator: " ")
            .map { word in word.contains(where: NameFolding.isCyrillic) ? String(word.map { latinLookAlikes[$0] ?? $0 }) : String(word) }
            .filter { word in !stopwords.contains(word) && !(word.count == 1 && !word.allSatisfy(\.isASCIIDigit)) }
            .joined(separator: " ")
    }

    /// The school's number ("МАОУ СОШ №50 г. Томска" -> 50): the strongest clue when a list says "школа 50".
    public static func number(in name: String) -> Int? {
        normalizedKey(name).split(separator: " ").lazy.compactMap { word in
            word.allSatisfy(\.isASCIIDigit) ? Int(word) : nil
        }.first
    }

    // "№13г" and "n13" carry the number as its own word.
    private static func splitDigitsFromLetters(_ text: String) -> String {
        var result = ""
        var previous: Character? = nil
        for character in text {
            if let previous, previous != " ", character != " ", previous.isASCIIDigit != character.isASCIIDigit {
                result.append(" ")
            }
            result.append(character)
            previous = character
        }
        return result
    }

    private static let longForms = [
        (" средняя общеобразовательная школа ", " сош "),
        (" основная общеобразовательная школа ", " оош "),
        (" средняя школа ", " сош "),
        (" дом детского творчества ", " ддт "),
    ]

    private static let latinLookAlikes: [Character: Character] = [
        "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т", "b": "в", "h": "н",
    ]

    // Legal forms and "город"/"имени": they say nothing about which school is meant. Kept equal to name_stopwords().
    private static let stopwords: Set<String> = [
        "маоу", "мбоу", "моу", "мкоу", "моау", "мадоу", "мбдоу", "мдоу", "мкдоу", "доу",
        "мау", "мбу", "мку", "маудо", "мбудо", "мауд", "мбоуд", "огаоу", "огбоу", "огбу", "огоу", "гбоу", "гаоу",
        "кгу", "гу", "ано", "чоу", "фгбоу", "фгаоу", "во", "до",
        "муниципальное", "муниципальный", "автономное", "бюджетное", "казенное", "государственное",
        "областное", "краевое", "коммунальное", "общеобразовательное", "образовательное", "дошкольное",
        "учреждение", "организация", "дополнительного", "образования", "профессионального",
        "г", "гор", "город", "города", "им", "имени",
    ]
}

/// The database's `fold_case()` and word splitting, shared by person and organisation keys.
enum NameFolding {
    /// Lowercase Latin and Cyrillic, ё as е.
    static func fold(_ text: String) -> String {
        String(text.lowercased().map { $0 == "ё" ? "е" : $0 })
    }

    /// Every run of characters outside 0-9, a-z, а-я becomes one space; ends trimmed.
    static func words(_ folded: String) -> String {
        folded.split(whereSeparator: { !isKept($0) }).joined(separator: " ")
    }

    static func isCyrillic(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
        return (0x0430...0x044F).contains(scalar.value)
    }

    private static func isKept(_ c: Character) -> Bool {
        c.isASCIIDigit || ("a"..."z").contains(c) && c.isASCII || isCyrillic(c)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
