import Hummingbird
import SchoolNetService

/// Why a request body was refused before any service saw it: 415, 413, or 400 when it is not the documented shape.
/// Values that are the right shape but break a rule are the services' refusals (422 `validation` or the rule's code).
public enum BodyProblem: ProblemConvertible, Equatable {
    /// Content-Type absent or not `application/json` (with UTF-8, if a charset is given).
    case unsupportedMediaType
    /// Larger than the limit, in bytes.
    case tooLarge(limit: Int)
    /// Not UTF-8, not JSON, or JSON of another shape (`JSONBody` says which, in the CLI's words too).
    case body(JSONBodyError)
    /// A shape the HTTP layer checks itself (exactly one of two ids, say): 400 `invalid_body`.
    case invalid([FieldError])

    public var status: HTTPResponse.Status {
        switch self {
        case .unsupportedMediaType: .unsupportedMediaType
        case .tooLarge: .contentTooLarge
        case .body, .invalid: .badRequest
        }
    }

    public var code: String {
        switch self {
        case .unsupportedMediaType: "unsupported_media_type"
        case .tooLarge: "body_too_large"
        case .body(let error): error.code
        case .invalid: JSONBodyError.invalid([]).code
        }
    }

    public var detail: LocalizedText {
        switch self {
        case .unsupportedMediaType:
            .init(ru: "Тело запроса должно быть JSON: Content-Type: application/json.", en: "The request body must be JSON: Content-Type: application/json.")
        case .tooLarge(let limit):
            .init(ru: "Тело запроса больше допустимых \(limit) байт.", en: "The request body exceeds the limit of \(limit) bytes.")
        case .body(let error):
            .init(ru: error.messageRU, en: error.messageEN)
        case .invalid(let errors):
            errors.count == 1
                ? .init(ru: "Ошибка в поле '\(errors[0].field)'.", en: "Invalid field '\(errors[0].field)'.")
                : .init(ru: "Ошибки в полях: \(errors.count).", en: "\(errors.count) fields are invalid.")
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .body(let error): error.fieldErrors.map { FieldError(field: $0.field, code: $0.code, detail: .init(ru: $0.messageRU, en: $0.messageEN)) }
        case .invalid(let errors): errors
        default: []
        }
    }
}
