import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct RegistrationErrorTests {
    @Test func codesAreUniqueSnakeCase() {
        let codes = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "_" }, "\(code)")
        }
    }

    @Test(arguments: [
        (ErrorCode.validation, 422), (.unauthorized, 401), (.forbidden, 403), (.notFound, 404),
        (.registrationClosed, 409), (.eventFull, 409), (.idempotencyConflict, 409), (.invalidTransition, 409),
        (.gradeOutOfRange, 422), (.consentMissing, 422), (.teamTooSmall, 422), (.jurorConflict, 409)
    ])
    func httpHints(code: ErrorCode, status: Int) {
        #expect(code.httpStatus == status)
    }

    @Test func everyCodeHasAKnownStatus() {
        for code in ErrorCode.allCases {
            #expect([400, 401, 403, 404, 409, 422].contains(code.httpStatus))
        }
    }

    @Test func nestingBuildsFieldPaths() {
        let error = RegistrationError(.gradeOutOfRange, field: "grade", ru: "р", en: "e")
        #expect(error.nested(under: "members[2]").field == "members[2].grade")
        #expect(RegistrationError(.consentMissing, ru: "р", en: "e").nested(under: "members[0]").field == "members[0]")
    }

    @Test func encodesForTheApi() throws {
        let error = RegistrationError(.teamTooSmall, field: "members", ru: "мало", en: "few")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(error)) as? [String: String]
        #expect(object == ["code": "team_too_small", "field": "members", "messageRU": "мало", "messageEN": "few"])
    }

    @Test func refusalCarriesAllErrorsAndTheFirstStatus() {
        let refusal = RegistrationRefusal([
            RegistrationError(.eventFull, ru: "", en: ""), RegistrationError(.gradeOutOfRange, ru: "", en: "")
        ])
        #expect(refusal.httpStatus == 409)
        #expect(refusal.errors.count == 2)
        #expect(throws: RegistrationRefusal.self) { try RegistrationRefusal.throwIfAny(refusal.errors) }
        #expect(throws: Never.self) { try RegistrationRefusal.throwIfAny([]) }
    }

    @Test(arguments: [
        ("application_event_capacity", ErrorCode.eventFull), ("application_per_organisation_limit", .organisationLimitReached),
        ("application_members_only", .organisationNotAllowed), ("application_member_once_per_event", .personAlreadyEntered),
        ("application_member_once_per_application", .duplicateMember), ("application_member_team_max_size", .teamTooLarge),
        ("application_team_name_unique", .teamNameTaken), ("application_nomination_fkey", .nominationNotInEvent),
        ("application_rejection_has_reason", .rejectionReasonRequired), ("result_one_absolute_winner", .absoluteWinnerTaken),
        ("result_special_has_title", .specialTitleRequired), ("application_idempotency_unique", .idempotencyConflict)
    ])
    func databaseConstraintsMapToTheSameCodes(constraint: String, code: ErrorCode) {
        #expect(ErrorCode(constraint: constraint) == code)
    }

    @Test func unknownConstraintHasNoCode() {
        #expect(ErrorCode(constraint: "organisation_name_unique") == nil)
    }

    @Test func notFoundHelper() {
        let error = RegistrationError.notFound(field: "eventId", ru: "Событие №7 не найдено", en: "Event #7 not found")
        #expect(error.code == .notFound)
        #expect(error.httpStatus == 404)
    }
}

@Suite struct RegistrationRefusalCapTests {
    @Test func atMostFiftyErrorsThenOneSayingHowManyMore() {
        let errors = (1...73).map { RegistrationError(.ageOutOfRange, field: "members[\($0)].birthDate", ru: "р\($0)", en: "e\($0)") }
        let refusal = RegistrationRefusal(errors)
        #expect(refusal.errors.count == 51)
        #expect(Array(refusal.errors.prefix(50)) == Array(errors.prefix(50)))
        #expect(refusal.errors.last?.code == .moreErrors)
        #expect(refusal.errors.last?.messageEN == "and 23 more")
        #expect(refusal.errors.last?.messageRU == "и ещё 23 ошибки")
        #expect(RegistrationRefusal(Array(errors.prefix(50))).errors.count == 50, "fifty are kept whole")
    }
}
