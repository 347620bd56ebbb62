import Foundation

/// Matching helpers for school names, which lists write inconsistently ("гимназия 13", «МАОУ гимназия № 13 г. Томска»).
public enum OrganisationName {
    /// Lowercase, ё as е, no quotes, "№ 13" and "N13" as "№13", single spaces: for search and de-duplication.
    public static func normalizedKey(_ name: String) -> String {
        var text = name.lowercased().replacingOccurrences(of: "ё", with: "е")
        for quote in ["«", "»", "\"", "“", "”", "„", "'"] {
            text = text.replacingOccurrences(of: quote, with: " ")
        }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        var result: [String] = []
        var index = 0
        while index < words.count {
            var word = String(words[index])
            if word == "n" { word = "№" } else if word.hasPrefix("n"), word.dropFirst().allSatisfy(\.isNumber), word.count > 1 {
                word = "№" + word.dropFirst()
            }
            // "№ 13" becomes "№13" so both spellings share a key.
            if word == "№", index + 1 < words.count, words[index + 1].first?.isNumber == true {
                word += words[index + 1]
                index += 1
            }
            result.append(word)
            index += 1
        }
        return result.joined(separator: " ")
    }

    /// The number in a name ("МАОУ СОШ №50 г. Томска" -> 50), the strongest clue when matching "школа 50".
    public static func number(in name: String) -> Int? {
        let key = normalizedKey(name)
        guard let sign = key.firstIndex(of: "№") else {
            return key.split(separator: " ").lazy.compactMap { Int($0) }.first
        }
        return Int(key[key.index(after: sign)...].prefix(while: \.isNumber))
    }
}
