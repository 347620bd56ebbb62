import Foundation
import SchoolNetDomain

/// Why signing in, or using a link, did not work. Stable codes for the web layer (not `ErrorCode`: these never
/// come from the registration rules); messages name the field and never repeat a password or a secret.
public struct AccountRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// Unknown e-mail, wrong password, no password yet, or a disabled account: one answer for all, so the
        /// answer does not tell which addresses have accounts.
        case invalidCredentials = "invalid_credentials"
        /// Too many attempts for this account or address in the window; `retryAfter` says when to try again.
        case tooManyAttempts = "too_many_attempts"
        /// The link is unknown, used, superseded, expired, or its account disabled.
        case linkInvalid = "link_invalid"
        /// The new password breaks `PasswordPolicy`.
        case weakPassword = "weak_password"

        public var httpStatus: Int {
            switch self {
            case .invalidCredentials: 401
            case .tooManyAttempts: 429
            case .linkInvalid: 410
            case .weakPassword: 422
            }
        }
    }

    public var code: Code
    public var field: String?
    public var messageEN: String
    public var messageRU: String
    public var retryAfter: Date?

    public init(_ code: Code, field: String? = nil, en: String, ru: String, retryAfter: Date? = nil) {
        self.code = code
        self.field = field
        self.messageEN = en
        self.messageRU = ru
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code.rawValue)\(field.map { " [\($0)]" } ?? ""): \(messageEN)" }

    static let invalidCredentials = AccountRefusal(
        .invalidCredentials, en: "Wrong e-mail or password", ru: "Неверный адрес почты или пароль")

    static let linkInvalid = AccountRefusal(
        .linkInvalid, field: "link",
        en: "This link does not work any more (used, replaced by a newer one, or expired): ask for a new one",
        ru: "Ссылка больше не действует (уже использована, заменена новой или устарела): запросите новую")

    static func tooManyAttempts(until: Date) -> AccountRefusal {
        AccountRefusal(
            .tooManyAttempts, en: "Too many sign-in attempts: try again later",
            ru: "Слишком много попыток входа: попробуйте позже", retryAfter: until)
    }

    static func weakPassword(_ problem: (en: String, ru: String)) -> AccountRefusal {
        AccountRefusal(.weakPassword, field: "password", en: problem.en, ru: problem.ru)
    }
}
