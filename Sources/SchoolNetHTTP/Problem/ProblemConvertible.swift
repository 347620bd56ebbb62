import Hummingbird

/// An error the API reports as an RFC 9457 problem. Services throw these (or errors the HTTP
/// layer maps to these); `ProblemMiddleware` renders them, once, at the edge.
public protocol ProblemConvertible: Error {
    /// HTTP status of the response.
    var status: HTTPResponse.Status { get }
    /// Stable machine-readable code, e.g. `registration_closed`; clients switch on it.
    var code: String { get }
    /// Short summary, the same for every occurrence of this code.
    var title: LocalizedText { get }
    /// What happened this time, for a person.
    var detail: LocalizedText { get }
    /// Per-field problems of a request body or query (empty when not about fields).
    var fieldErrors: [FieldError] { get }
    /// Extra response headers, e.g. `WWW-Authenticate` on 401.
    var headers: HTTPFields { get }
}

extension ProblemConvertible {
    public var title: LocalizedText { .status(self.status) }
    public var fieldErrors: [FieldError] { [] }
    public var headers: HTTPFields { [:] }
}

/// One field's problem: `field` is a path like `members[1].grade` ("" means the whole body).
public struct FieldError: Sendable, Equatable {
    public var field: String
    public var code: String
    public var detail: LocalizedText

    public init(field: String, code: String, detail: LocalizedText) {
        self.field = field
        self.code = code
        self.detail = detail
    }
}

/// A ready-made problem for cases that need no type of their own.
public struct Problem: ProblemConvertible, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var title: LocalizedText
    public var detail: LocalizedText
    public var fieldErrors: [FieldError]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        code: String,
        detail: LocalizedText,
        title: LocalizedText? = nil,
        fieldErrors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.title = title ?? .status(status)
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }
}

extension LocalizedText {
    /// The status line's meaning in both languages, the default `title`.
    public static func status(_ status: HTTPResponse.Status) -> LocalizedText {
        let ru: String? =
            switch status.code {
            case 400: "Некорректный запрос"
            case 401: "Требуется аутентификация"
            case 403: "Доступ запрещён"
            case 404: "Не найдено"
            case 405: "Метод не поддерживается"
            case 406: "Неприемлемый формат ответа"
            case 409: "Конфликт"
            case 410: "Больше не доступно"
            case 412: "Условие запроса не выполнено"
            case 413: "Слишком большой запрос"
            case 415: "Неподдерживаемый тип содержимого"
            case 422: "Ошибка в данных запроса"
            case 428: "Требуется условие запроса"
            case 429: "Слишком много запросов"
            case 500: "Внутренняя ошибка сервера"
            case 503: "Сервис недоступен"
            default: nil
            }
        return LocalizedText(ru: ru ?? status.reasonPhrase, en: status.reasonPhrase)
    }
}
