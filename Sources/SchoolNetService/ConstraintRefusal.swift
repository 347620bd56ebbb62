import PQ
import SchoolNetDomain

// A violated constraint named by PostgreSQL, as the refusal the service's own check gives for it.
enum ConstraintRefusal {
    static func refusal(for error: PQError) -> RegistrationRefusal? {
        guard [.uniqueViolation, .checkViolation, .foreignKeyViolation].contains(error.kind),
            let constraint = error.constraint
        else { return nil }
        if let code = ErrorCode(constraint: constraint) {
            return RegistrationRefusal([message(code)])
        }
        return switch constraint {
        case "application_contact_email_format":
            RegistrationRefusal([.validation(field: "responsible.email", ru: "E-mail записан с ошибкой", en: "The e-mail address is malformed")])
        case "application_contact_phone_format":
            RegistrationRefusal([.validation(field: "responsible.phone", ru: "Телефон записан с ошибкой", en: "The phone number is malformed")])
        default:
            nil
        }
    }

    // Without the counts the check had, the wording is general; the code is the same.
    static func message(_ code: ErrorCode) -> RegistrationError {
        switch code {
        case .eventFull:
            RegistrationError(code, ru: "Мест на событии больше нет", en: "The event is full")
        case .organisationLimitReached:
            RegistrationError(
                code, ru: "Организация уже подала наибольшее разрешённое число заявок", en: "The organisation has reached its limit of applications")
        case .organisationNotAllowed:
            RegistrationError(code, field: "organisationId", ru: "Событие только для участников сети", en: "The event is for network members only")
        case .personAlreadyEntered:
            RegistrationError(code, field: "members", ru: "Участник уже есть в другой заявке на это событие", en: "A member is already entered in this event")
        case .duplicateMember:
            RegistrationError(code, field: "members", ru: "Участник указан в заявке дважды", en: "A member is listed twice")
        case .teamTooLarge:
            RegistrationError(code, field: "members", ru: "В команде больше участников, чем разрешено", en: "The team has more members than allowed")
        case .teamNameTaken:
            RegistrationError(code, field: "teamName", ru: "Название команды уже занято в этом событии", en: "The team name is already taken in this event")
        case .nominationNotInEvent:
            RegistrationError(code, field: "nominationId", ru: "Номинация не относится к этому событию", en: "The nomination does not belong to this event")
        case .idempotencyConflict:
            RegistrationError(
                code, field: "Idempotency-Key", ru: "Этот ключ повтора запроса уже использован для другой заявки",
                en: "This idempotency key was already used with a different request")
        case .rejectionReasonRequired:
            RegistrationError(code, field: "reason", ru: "Укажите причину отклонения заявки", en: "State the reason for rejecting the application")
        default:
            RegistrationError(code, ru: "Запрос отклонён: \(code.rawValue)", en: "Refused: \(code.rawValue)")
        }
    }
}
