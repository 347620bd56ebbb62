/// One refusal: a stable code, the input field at fault, and messages in Russian and English naming who or what.
public struct RegistrationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let code: ErrorCode
    /// A path into the request, e.g. "members[2].grade"; nil when the refusal is about the whole request.
    public let field: String?
    public let messageRU: String
    public let messageEN: String

    public init(_ code: ErrorCode, field: String? = nil, ru: String, en: String) {
        self.code = code
        self.field = field
        self.messageRU = ru
        self.messageEN = en
    }

    public var httpStatus: Int { code.httpStatus }
    public var description: String { "\(code.rawValue)\(field.map { " [\($0)]" } ?? ""): \(messageEN)" }

    /// The same refusal, its field nested under `prefix` ("members[2]" + "grade" -> "members[2].grade").
    public func nested(under prefix: String) -> RegistrationError {
        RegistrationError(code, field: field.map { "\(prefix).\($0)" } ?? prefix, ru: messageRU, en: messageEN)
    }

    /// A record the caller asked for does not exist.
    public static func notFound(field: String? = nil, ru: String, en: String) -> RegistrationError {
        RegistrationError(.notFound, field: field, ru: ru, en: en)
    }

    /// Malformed input that the rules cannot even look at.
    public static func validation(field: String, ru: String, en: String) -> RegistrationError {
        RegistrationError(.validation, field: field, ru: ru, en: en)
    }
}

/// Every refusal found in one request, so a school fixes all of them in one go.
public struct RegistrationRefusal: Error, Sendable, Hashable, Codable {
    public let errors: [RegistrationError]

    /// At most `maximumErrors` of `errors` are kept, then one `more_errors` entry ("and N more").
    public init(_ errors: [RegistrationError]) {
        precondition(!errors.isEmpty, "a refusal needs at least one reason")
        self.errors = Self.capped(errors)
    }

    /// The status of the whole response: the first refusal's, as it is the most fundamental.
    public var httpStatus: Int { errors[0].httpStatus }

    /// At most this many refusals are returned; a final `more_errors` entry counts the rest.
    public static let maximumErrors = 50

    /// Throws when `errors` is not empty, with at most `maximumErrors` of them and a final "and N more".
    public static func throwIfAny(_ errors: [RegistrationError]) throws(RegistrationRefusal) {
        if !errors.isEmpty { throw RegistrationRefusal(errors) }
    }

    /// The first `maximumErrors` errors and, when there were more, one `more_errors` entry saying how many.
    public static func capped(_ errors: [RegistrationError]) -> [RegistrationError] {
        guard errors.count > maximumErrors else { return errors }
        let rest = errors.count - maximumErrors
        return Array(errors.prefix(maximumErrors)) + [
            RegistrationError(
                .moreErrors, ru: "и ещё \(rest) \(RussianText.plural(rest, ("ошибка", "ошибки", "ошибок")))",
                en: "and \(rest) more")
        ]
    }
}
