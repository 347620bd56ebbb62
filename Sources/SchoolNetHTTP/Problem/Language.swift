import Foundation

/// The language of human-readable texts in responses: Russian unless the client prefers English.
public enum Language: String, Sendable, CaseIterable {
    case ru
    case en

    /// Picks from an `Accept-Language` value (RFC 9110 §12.5.4), honouring q-values; Russian by default.
    public init(acceptLanguage header: String?) {
        guard let header else {
            self = .ru
            return
        }
        var best: (language: Language, quality: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.quality ?? 0) {
                best = (language, quality)
            }
        }
        self = best?.language ?? .ru
    }
}

/// A text in every language the API speaks.
public struct LocalizedText: Sendable, Equatable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .ru: self.ru
        case .en: self.en
        }
    }
}
