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
        // before the parser sees it: Yams composes nodes recursively, and a deep enough document overflowed its stack
        guard data.count <= maxYAMLBytes else {
            throw CommandRefused("\(path) is \(data.count) bytes: an event file is at most \(maxYAMLBytes / 1024) KiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandRefused("\(path) is not UTF-8 text")
        }
        if let line = firstLineDeeperThan(maxYAMLDepth, text) {
            throw CommandRefused("\(path) nests deeper than \(maxYAMLDepth) levels (line \(line)): an event file needs 4")
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
        var budget = maxYAMLNodes
        return try JSONSerialization.data(withJSONObject: try plain(node, path: path, budget: &budget))
    }

    static let maxYAMLBytes = 1 << 20
    static let maxYAMLDepth = 32
    /// Nodes after aliases are expanded: `*a` repeated in ten nested lists is 10^10 of them ("billion laughs").
    static let maxYAMLNodes = 100_000

    /// The first line (1-based) where the document may nest deeper than `limit`, or nil. An upper bound, read
    /// without parsing: the open indentation levels, plus the `- ` entries that open the line, plus the open
    /// flow brackets (`[`, `{`) outside quotes and comments. Never below the real depth; above it only for odd
    /// text (brackets in a block scalar), and only deep documents are refused.
    static func firstLineDeeperThan(_ limit: Int, _ text: String) -> Int? {
        var indents: [Int] = []
        var flow = 0
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let chars = Array(line.utf8)
            var i = 0
            while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
            if i == chars.count || chars[i] == UInt8(ascii: "#") || chars[i] == UInt8(ascii: "\r") { continue }
            if flow == 0 {
                while let top = indents.last, top >= i { indents.removeLast() }
                indents.append(i)
            }
            var depth = indents.count + flow
            // "- - - x": each entry marker opens a sequence
            while i < chars.count, chars[i] == UInt8(ascii: "-") || chars[i] == UInt8(ascii: "?"),
                i + 1 == chars.count || chars[i + 1] == UInt8(ascii: " ") || chars[i + 1] == UInt8(ascii: "\t")
            {
                depth += 1
                i += 2
                while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
            }
            if depth > limit { return lineNumber }
            var quote: UInt8? = nil
            while i < chars.count {
                let c = chars[i]
                if let q = quote {
                    if c == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") { i += 1 } else if c == q { quote = nil }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: "#"), i == 0 || chars[i - 1] == UInt8(ascii: " ") || chars[i - 1] == UInt8(ascii: "\t") {
                    break
                } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    flow += 1
                    depth += 1
                    if depth > limit { return lineNumber }
                } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    flow = max(0, flow - 1)
                    depth -= 1
                }
                i += 1
            }
        }
        return nil
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

    private static func plain(_ node: Node, path: String, budget: inout Int) throws -> Any {
        budget -= 1
        guard budget >= 0 else {
            throw CommandRefused("\(path) stands for more than \(maxYAMLNodes) values (aliases repeated?): not an event description")
        }
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw CommandRefused("\(path): a key is not text") }
                object[name] = try plain(value, path: path, budget: &budget)
            }
            return object
        case .sequence(let sequence):
            var list: [Any] = []
            for element in sequence { list.append(try plain(element, path: path, budget: &budget)) }
            return list
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
