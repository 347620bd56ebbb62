import Hummingbird
import SchoolNetDomain

extension HTTPFieldName {
    /// `Idempotency-Key`: the client's key for retrying a registration safely.
    public static let idempotencyKey = HTTPFieldName("Idempotency-Key")!
    /// `Idempotent-Replayed: true` on an answer that repeats an earlier registration.
    public static let idempotentReplayed = HTTPFieldName("Idempotent-Replayed")!
}

extension AppDependencies {
    /// The services, or 503 when this process was built without them.
    func requireServices() throws -> APIServices {
        guard let services = self.services else {
            throw Problem(
                .serviceUnavailable, code: "not_ready",
                detail: .init(ru: "Сервис временно не готов обслуживать запросы.", en: "The service is not ready to serve requests.")
            )
        }
        return services
    }
}

extension RequestContext {
    /// A positive integer id from the path, else 404: `/v1/events/abc` names no event.
    func id(_ name: String) throws -> Int64 {
        guard let raw = self.parameters.get(name), let id = Int64(raw), id > 0 else { throw Problem.notFound }
        return id
    }
}

/// Query parameters that do not parse: 400 naming each.
struct QueryProblem: ProblemConvertible {
    var errors: [FieldError]

    var status: HTTPResponse.Status { .badRequest }
    var code: String { "invalid_query" }
    var detail: LocalizedText {
        .init(
            ru: "Некорректные параметры запроса: \(self.errors.map(\.field).joined(separator: ", ")).",
            en: "Invalid query parameters: \(self.errors.map(\.field).joined(separator: ", ")).")
    }
    var fieldErrors: [FieldError] { self.errors }

    static func invalid(_ field: String, ru: String, en: String) -> FieldError {
        FieldError(field: field, code: "invalid_value", detail: .init(ru: ru, en: en))
    }
}

extension Request {
    /// The `Idempotency-Key` header: 1-200 visible ASCII characters, else 400.
    func idempotencyKey() throws -> String? {
        guard let key = self.headers[.idempotencyKey] else { return nil }
        let valid = (1...200).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        guard valid else {
            throw Problem(
                .badRequest, code: "invalid_idempotency_key",
                detail: .init(
                    ru: "Заголовок Idempotency-Key должен содержать от 1 до 200 видимых ASCII-символов.",
                    en: "The Idempotency-Key header must be 1 to 200 visible ASCII characters."
                )
            )
        }
        return key
    }
}
