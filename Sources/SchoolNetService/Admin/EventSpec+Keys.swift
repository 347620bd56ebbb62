import Foundation
import SchoolNetDomain

/// The keys an event file may hold, with their types, defaults and examples: one list that both refuses
/// keys nobody reads (`"capasity": 3` used to make an event with no capacity) and writes
/// `schoolnet events create --help`. `EventSpecKeysTests` proves it names exactly `EventSpec`'s properties.
extension EventSpec {
    public struct Key: Sendable {
        /// As the file spells it (snake_case).
        public var name: String
        public var type: String
        public var required: Bool
        /// What an absent key means; nil for required keys.
        public var absent: String?
        public var example: String
        /// The keys of an object, or of each object in a list.
        public var keys: [Key]

        init(_ name: String, _ type: String, required: Bool = false, absent: String? = nil, example: String, keys: [Key] = []) {
            self.name = name
            self.type = type
            self.required = required
            self.absent = absent
            self.example = example
            self.keys = keys
        }
    }

    /// Every key of an event file, in the order the help lists them.
    public static let keys: [Key] = [
        Key("title", "text", required: true, example: "\"Спортивная мозаика\""),
        Key("organiser", "organisation id or name", required: true, example: "\"гимназия 13\" or 3"),
        Key("module", "programme module's name (`schoolnet modules list`)", absent: "none", example: "\"Человек XXI века\""),
        Key("parent_event_id", "integer (event id)", absent: "none", example: "12"),
        Key("kind", "one of " + EventKind.allCases.map(\.rawValue).joined(separator: ", "), required: true, example: "festival"),
        Key("edition", "integer", absent: "none", example: "5"),
        Key("format", "one of " + EventFormat.allCases.map(\.rawValue).joined(separator: ", "), required: true, example: "distance"),
        Key("audience", "text", absent: "none", example: "\"6 классы\""),
        Key("starts_on", "date", required: true, example: "2021-10-01"),
        Key("ends_on", "date", required: true, example: "2021-10-01"),
        Key("time_zone", "IANA time zone", absent: RegistrationWindow.defaultTimeZone.identifier, example: "Asia/Novosibirsk"),
        Key(
            "registration", "object", required: true, example: "{...}",
            keys: [
                Key("opens_at", "ISO 8601 instant", required: true, example: "\"2021-09-01T00:00:00+07:00\""),
                Key("closes_on", "date (last day, in time_zone)", required: true, example: "2021-09-28")
            ]),
        Key("capacity", "integer (applications)", absent: "no limit", example: "30"),
        Key("per_organisation_limit", "integer (applications)", absent: "no limit", example: "1"),
        Key("members_only", "boolean", absent: "false", example: "true"),
        Key(
            "team", "object", absent: "individual participation", example: "{...}",
            keys: [
                Key("min_size", "integer", required: true, example: "7"),
                Key("max_size", "integer", required: true, example: "7"),
                Key("required_roles", "list of " + MemberRole.allCases.map(\.rawValue).joined(separator: ", "), absent: "none", example: "[captain]")
            ]),
        Key(
            "eligibility", "object", required: true, example: "{...}",
            keys: [
                Key("grades", "[min, max]", absent: "any grade", example: "[6, 6]"),
                Key("ages", "[min, max] full years", absent: "any age", example: "[10, 14]"),
                Key("age_reference_date", "date", absent: "starts_on", example: "2021-09-01"),
                Key("allow_pupils", "boolean", absent: "true", example: "true"),
                Key("allow_preschoolers", "boolean", absent: "false", example: "false"),
                Key("allow_students", "boolean", absent: "false", example: "false"),
                Key("allow_teachers", "boolean", absent: "false", example: "false")
            ]),
        Key(
            "stages", "list of objects", absent: "none", example: "[{...}]",
            keys: [
                Key("title", "text", required: true, example: "\"Финал\""),
                Key("starts_on", "date", absent: "none", example: "2021-11-01"),
                Key("ends_on", "date", absent: "none", example: "2021-11-02"),
                Key("capacity", "integer", absent: "no limit", example: "10")
            ]),
        Key(
            "nominations", "list of objects", absent: "none", example: "[{...}]",
            keys: [
                Key("title", "text", required: true, example: "\"Эстафета\""),
                Key("special", "boolean", absent: "false", example: "false")
            ])
    ]

    /// The keys as `events create --help` lists them, nested keys indented.
    public static func keysHelp() -> String {
        func lines(_ keys: [Key], indent: String) -> [String] {
            keys.flatMap { key -> [String] in
                let need = key.required ? "required" : "optional, absent: \(key.absent ?? "none")"
                let line = "\(indent)\(key.name): \(key.type) (\(need)); e.g. \(key.example)"
                return [line] + lines(key.keys, indent: indent + "  ")
            }
        }
        return lines(keys, indent: "  ").joined(separator: "\n")
    }

    /// A key the file has and no one reads, where it is, and the known key it most likely meant.
    public struct UnknownKey: Sendable, Equatable {
        public var path: String
        public var key: String
        public var suggestion: String?
        public var known: [String]

        public var message: String {
            let place = path.isEmpty ? "" : " in \(path)"
            let meant = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "unknown key \"\(key)\"\(place)\(meant); the keys there: \(known.joined(separator: ", "))"
        }
    }

    /// Every key unknown at its level, each object's keys in alphabetical order (JSON objects are unordered), depth first.
    public static func unknownKeys(in object: [String: Any]) -> [UnknownKey] {
        var found: [UnknownKey] = []
        func walk(_ object: [String: Any], _ keys: [Key], _ path: String) {
            let known = keys.map(\.name)
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let key = keys.first(where: { $0.name == name }) else {
                    found.append(UnknownKey(path: path, key: name, suggestion: closest(to: name, among: known), known: known))
                    continue
                }
                guard !key.keys.isEmpty else { continue }
                let here = path.isEmpty ? name : "\(path).\(name)"
                if let nested = value as? [String: Any] {
                    walk(nested, key.keys, here)
                } else if let list = value as? [Any] {
                    for (index, element) in list.enumerated() {
                        if let nested = element as? [String: Any] { walk(nested, key.keys, "\(here)[\(index)]") }
                    }
                }
            }
        }
        walk(object, keys, "")
        return found
    }

    /// The known key nearest by edit distance (a typo, another case, camelCase for snake_case), if near enough.
    static func closest(to name: String, among known: [String]) -> String? {
        let plain = snakeCased(name)
        if known.contains(plain) { return plain }
        let scored = known.map { ($0, editDistance(plain, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }

    /// "startsOn" and "Starts-On" as "starts_on".
    static func snakeCased(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isUppercase, !out.isEmpty, out.last != "_" { out.append("_") }
            out.append(contentsOf: character == "-" || character == " " ? "_" : character.lowercased())
        }
        return out
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// An event file with keys no one reads: refused, each named with the key that would do.
public struct EventFileUnknownKeys: Error, Sendable, CustomStringConvertible {
    public var keys: [EventSpec.UnknownKey]
    public var description: String { keys.map(\.message).joined(separator: "\n") }
}
