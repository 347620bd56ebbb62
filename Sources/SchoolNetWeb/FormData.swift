import Foundation

/// The fields of a posted `application/x-www-form-urlencoded` form, in order, repeated names kept (a list of
/// checkboxes). Percent-decoding is Foundation's; only `+` for a space is the form encoding's own.
public struct FormData: Sendable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Parses a form body; nil when it is not valid percent-encoding or not UTF-8.
    public init?(encoded body: String) {
        var components = URLComponents()
        components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        guard let items = components.queryItems else {
            if body.isEmpty {
                self.pairs = []
                return
            }
            return nil
        }
        self.pairs = items.map { ($0.name, $0.value ?? "") }
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The first value of `name` exactly as sent (passwords: spaces are theirs).
    public func raw(_ name: String) -> String? {
        pairs.first(where: { $0.name == name })?.value
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}
