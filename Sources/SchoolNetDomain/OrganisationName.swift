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
