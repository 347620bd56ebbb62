import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

extension AccountService {
    /// What an account's person receives by mail (issue 15), set by the regional centre on the person's request until
    /// the account page offers it: the language (`ru` or `en`) and, for a coordinator, the school's application mail.
    public func setMailPreferences(_ accountID: Int64, language: String?, schoolApplications: Bool?, by caller: Caller) async throws {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        if let language, !["ru", "en"].contains(language) {
            throw RegistrationError(.validation, field: "language", ru: "Язык писем: ru или en", en: "The mail language is ru or en")
        }
        try await pool.withTransaction { conn in
            try AuditActor.set(caller, on: conn)
            guard try OutboxRepository().setMailPreferences(account: accountID, language: language, schoolApplications: schoolApplications, on: conn)
            else { throw Self.accountNotFound(accountID) }
        }
    }
}
