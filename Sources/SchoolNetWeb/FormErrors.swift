import SchoolNetDomain
import SchoolNetHTTP

/// The service's refusals laid out on a form: every message in the summary at the top, and each one also next to
/// the field its path names (`members[2].grade`) in a paragraph whose id is the path made an HTML id
/// (`members-2-grade-error`, the page contract), which the field's `aria-describedby` points at.
struct FormErrors {
    /// Messages by the service's field path ("" for the whole request), in the order the service gave them.
    private(set) var byPath: [(path: String, messages: [String])] = []

    init(_ errors: [RegistrationError], language: Language) {
        for error in errors {
            let message = language == .ru ? error.messageRU : error.messageEN
            let path = error.field ?? ""
            if let index = byPath.firstIndex(where: { $0.path == path }) {
                byPath[index].messages.append(message)
            } else {
                byPath.append((path, [message]))
            }
        }
    }

    var isEmpty: Bool { byPath.isEmpty }

    /// `members[7].grade` -> `members-7-grade-error`: brackets and dots become `-`, runs of `-` one, none trailing.
    static func anchor(_ path: String) -> String {
        var id = ""
        for character in path {
            let next: Character = character == "[" || character == "]" || character == "." ? "-" : character
            if next == "-", id.last == "-" { continue }
            id.append(next)
        }
        while id.last == "-" { id.removeLast() }
        return id + "-error"
    }

    /// The paragraph for exactly `path`, as templates render it (`id`, `messages`), or nil when it has no error.
    func slot(_ path: String) -> [String: Any]? {
        guard let found = byPath.first(where: { $0.path == path }) else { return nil }
        return ["error_id": Self.anchor(path), "messages": found.messages]
    }

    /// The paragraphs for `path` and every path below it (`members[3]`, `members[3].grade`), except `excluding`.
    func slots(under path: String, excluding: Set<String> = []) -> [[String: Any]] {
        byPath.filter { ($0.path == path || $0.path.hasPrefix(path + ".")) && !excluding.contains($0.path) }
            .map { ["error_id": Self.anchor($0.path), "messages": $0.messages] }
    }

    /// The summary at the top: every message, linked to its field's input when `input(path)` names one on the page.
    func summary(input: (String) -> String?) -> [[String: Any]] {
        byPath.flatMap { entry in
            entry.messages.map { message -> [String: Any] in
                var item: [String: Any] = ["message": message]
                if let id = input(entry.path) { item["href"] = "#" + id }
                return item
            }
        }
    }
}
