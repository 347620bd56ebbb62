import Hummingbird
import SchoolNetDomain

/// Problems the HTTP layer itself raises; services define their own `ProblemConvertible` types.
extension Problem {
    /// No `Authorization` header: 401 with a Bearer challenge.
    public static var unauthenticated: Problem {
        Problem(
            .unauthorized,
            code: "unauthenticated",
            detail: .init(
                ru: "Нужен токен доступа: заголовок Authorization: Bearer <токен>.",
                en: "An access token is required: Authorization: Bearer <token>."
            ),
            headers: [.wwwAuthenticate: "Bearer"]
        )
    }

    /// A token that is malformed, unknown, revoked or expired: 401, without saying which.
    public static var invalidToken: Problem {
        Problem(
            .unauthorized,
            code: "invalid_token",
            detail: .init(ru: "Токен доступа недействителен.", en: "The access token is not valid."),
            headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""]
        )
    }

    /// Authenticated, but this role may not do this: 403.
    public static func forbidden(allowed roles: [ActorRole]) -> Problem {
        let list = roles.map(\.rawValue).joined(separator: ", ")
        return Problem(
            .forbidden,
            code: "forbidden",
            detail: .init(
                ru: "Действие доступно только ролям: \(list).",
                en: "Only these roles may do this: \(list)."
            )
        )
    }

    /// Nothing here, or nothing this client may know about: 404.
    public static var notFound: Problem {
        Problem(.notFound, code: "not_found", detail: .init(ru: "Ресурс не найден.", en: "The resource was not found."))
    }

    /// An error nobody anticipated; the request id ties the response to the log line.
    static func internalError(requestID: String) -> Problem {
        Problem(
            .internalServerError,
            code: "internal_error",
            detail: .init(
                ru: "Внутренняя ошибка сервера. Сообщите администратору идентификатор запроса \(requestID).",
                en: "Internal server error. Please report request id \(requestID) to the administrator."
            )
        )
    }

    /// Hummingbird's own `HTTPError` (404 for unknown routes, for instance) in our shape.
    static func from(status: HTTPResponse.Status, message: String?, headers: HTTPFields) -> Problem {
        let code: String
        let detail: LocalizedText
        switch status.code {
        case 404:
            code = "not_found"
            detail = .init(ru: "Ресурс не найден.", en: "The resource was not found.")
        case 405:
            code = "method_not_allowed"
            detail = .init(ru: "Этот метод не поддерживается для данного ресурса.", en: "This method is not supported for this resource.")
        case 413:
            code = "body_too_large"
            detail = .init(ru: "Тело запроса слишком велико.", en: "The request body is too large.")
        case 400:
            code = "bad_request"
            detail = .init(ru: "Некорректный запрос.", en: message ?? "Bad request.")
        default:
            code = status.code >= 500 ? "internal_error" : "http_\(status.code)"
            detail = .init(ru: LocalizedText.status(status).ru + ".", en: message ?? status.reasonPhrase + ".")
        }
        return Problem(status, code: code, detail: detail, headers: headers)
    }
}
