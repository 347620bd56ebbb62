import Foundation
import SchoolNetService
import Yams

/// An event file as `events create` reads it: JSON, or YAML (`.yaml`/`.yml`) with the same keys.
/// YAML is turned into the JSON it stands for and then decoded by the one `EventSpec.decode`, so both
/// spellings obey the same rules and give the same refusals.
enum EventFile {
    static func isYAML(_ path: String) -> Bool {
        [".yaml", ".yml"].contains(where: path.lowercased().hasSuffix)
    }

    static func spec(_ data: Data, path: String) throws -> EventSpec {
        try EventSpec.decode(isYAML(path) ? json(fromYAML: data, path: path) : data)
    }

    /// The JSON text of a YAML document. Scalars keep the type YAML resolves for them (null, booleans,
    /// integers, floats); everything else stays the text as written, so `starts_on: 2021-10-01` is the
    /// string "2021-10-01" the JSON file would hold, not a YAML timestamp.
    static func json(fromYAML data: Data, path: String) throws -> Data {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandRefused("\(path) is not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CommandRefused("\(path) is not valid YAML: \(describe(error))")
        }
        guard let node, case .mapping = node else {
            throw CommandRefused("\(path) is not an event description: the YAML must be a mapping of keys (title: ..., organiser: ...)")
        }
        return try JSONSerialization.data(withJSONObject: try plain(node, path: path))
    }

    /// "line 2, column 12: mapping values are not allowed in this context", without libyaml's snippet.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(error)"
        }
    }

    private static func plain(_ node: Node, path: String) throws -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw CommandRefused("\(path): a key is not text") }
                object[name] = try plain(value, path: path)
            }
            return object
        case .sequence(let sequence):
            return try sequence.map { try plain($0, path: path) }
        case .scalar(let scalar):
            // the tag YAML resolved for the scalar (quoted ones are always strings)
            switch node.tag.description {
            case Tag.Name.null.rawValue: return NSNull()
            case Tag.Name.bool.rawValue: return node.bool ?? scalar.string
            case Tag.Name.int.rawValue: return node.int ?? scalar.string
            case Tag.Name.float.rawValue: return node.float ?? scalar.string
            default: return scalar.string
            }
        }
    }
}
