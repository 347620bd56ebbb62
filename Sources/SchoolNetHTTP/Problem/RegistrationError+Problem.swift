import Hummingbird
import SchoolNetDomain

// The domain's refusals are rendered as they are: their stable code, their status, their own ru/en words.
// They are wrapped rather than conformed: the domain's `code` is an `ErrorCode`, the protocol's a `String`.

/// One or more domain refusals as a problem; `ProblemMiddleware` wraps every `RegistrationRefusal` and
/// `RegistrationError` a service throws in one of these.
public struct RefusalProblem: ProblemConvertible, Sendable {
    public let errors: [RegistrationError]

    public init(_ refusal: RegistrationRefusal) { self.errors = refusal.errors }
    public init(_ error: RegistrationError) { self.errors = [error] }

    /// The first reason's status and code: the service lists the most fundamental reason first.
    public var status: HTTPResponse.Status { .refusal(self.errors[0].httpStatus) }
    public var code: String { self.errors[0].code.rawValue }

    public var detail: LocalizedText {
        guard self.errors.count > 1 else { return LocalizedText(ru: self.errors[0].messageRU, en: self.errors[0].messageEN) }
        // Every reason in the detail too, so a client that shows only `detail` still shows them all.
        return LocalizedText(
            ru: "Причин отказа: \(self.errors.count). " + self.errors.map(\.messageRU).joined(separator: "; ") + ".",
            en: "\(self.errors.count) reasons for refusal. " + self.errors.map(\.messageEN).joined(separator: "; ") + "."
        )
    }

    /// Every reason, each at its field ("" stands for the request as a whole); none for a single reason about nothing in particular.
    public var fieldErrors: [FieldError] {
        self.errors.count == 1 && self.errors[0].field == nil ? [] : self.errors.map(FieldError.init)
    }
}

extension FieldError {
    /// One domain refusal as a per-field problem.
    init(_ error: RegistrationError) {
        self.init(field: error.field ?? "", code: error.code.rawValue, detail: LocalizedText(ru: error.messageRU, en: error.messageEN))
    }
}

extension HTTPResponse.Status {
    /// The status of a refusal's code, with its standard reason phrase (the problem's English title).
    static func refusal(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 422: .unprocessableContent
        default: HTTPResponse.Status(code: code)
        }
    }
}
