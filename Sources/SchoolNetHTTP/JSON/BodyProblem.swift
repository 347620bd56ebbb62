import Hummingbird

/// Why a request body was refused before any service saw it.
public enum BodyProblem: ProblemConvertible, Equatable {
    /// Content-Type absent or not `application/json` (with UTF-8, if a charset is given).
    case unsupportedMediaType
    /// Larger than the limit, in bytes.
    case tooLarge(limit: Int)
    /// Not UTF-8; the byte offset of the first bad byte.
    case notUTF8(offset: Int)
    /// Not JSON; where a reader of the body would look.
    case malformed(line: Int, column: Int, reason: LocalizedText)
    /// JSON, but not the shape the endpoint expects.
    case invalid([FieldError])

    public var status: HTTPResponse.Status {
        switch self {
        case .unsupportedMediaType: .unsupportedMediaType
        case .tooLarge: .contentTooLarge
        case .notUTF8, .malformed: .badRequest
        case .invalid: .unprocessableContent
        }
    }

    public var code: String {
        switch self {
        case .unsupportedMediaType: "unsupported_media_type"
        case .tooLarge: "body_too_large"
        case .notUTF8: "invalid_encoding"
        case .malformed: "malformed_json"
        case .invalid: "validation_failed"
        }
    }

    public var detail: LocalizedText {
        switch self {
        case .unsupportedMediaType:
            .init(ru: "Тело запроса должно быть JSON: Content-Type: application/json.", en: "The request body must be JSON: Content-Type: application/json.")
        case .tooLarge(let limit):
            .init(ru: "Тело запроса больше допустимых \(limit) байт.", en: "The request body exceeds the limit of \(limit) bytes.")
        case .notUTF8(let offset):
            .init(
                ru: "Тело запроса не в кодировке UTF-8 (ошибка в байте \(offset)).",
                en: "The request body is not valid UTF-8 (bad byte at offset \(offset))."
            )
        case .malformed(let line, let column, let reason):
            .init(
                ru: "Некорректный JSON в строке \(line), столбце \(column): \(reason.ru).",
                en: "Malformed JSON at line \(line), column \(column): \(reason.en)."
            )
        case .invalid(let errors):
            errors.count == 1
                ? .init(ru: "Ошибка в поле \(Self.quoted(errors[0].field)).", en: "Invalid field \(Self.quoted(errors[0].field)).")
                : .init(ru: "Ошибки в полях запроса: \(errors.count).", en: "\(errors.count) fields are invalid.")
        }
    }

    public var fieldErrors: [FieldError] {
        if case .invalid(let errors) = self { return errors }
        return []
    }

    private static func quoted(_ field: String) -> String {
        field.isEmpty ? "(body)" : "'\(field)'"
    }
}
