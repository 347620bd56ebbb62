/// Whether results may be changed directly or only by a recorded correction.
public enum ResultsState: String, Sendable, Hashable, Codable {
    case draft
    case published
}

/// How a result is being written: plainly while results are a draft, or as a correction with its reason.
public enum ResultChange: Sendable, Hashable, Codable {
    case record
    case correction(reason: String)
}

/// What an organiser may record as a result.
public enum ResultRules {
    /// Recording `award` for `entrant` (a person's short name or a team's name).
    /// - Parameters:
    ///   - reachedFinal: whether the entry takes part in the event's final stage (the only stage if there is one).
    ///   - absoluteWinner: who already holds the event's absolute winner award, if anyone other than this entry.
    ///   - change: once results are published, only a correction with a non-blank reason may change them.
    public static func checkRecord(
        award: Award, entrant: String, reachedFinal: Bool, absoluteWinner: String?,
        results: ResultsState, change: ResultChange = .record
    ) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        let entrantEN = PersonName.transliterate(entrant)
        switch change {
        case .record where results == .published:
            errors.append(RegistrationError(
                .resultsPublished, field: "results",
                ru: "Результаты уже опубликованы: изменить их можно только исправлением с указанием причины",
                en: "Results are already published: they can only be changed by a correction stating its reason"
            ))
        case .correction(let reason) where Award.cleanTitle(reason) == nil:
            errors.append(RegistrationError(
                .correctionReasonRequired, field: "reason",
                ru: "Укажите причину исправления результата: она попадёт в журнал изменений",
                en: "State the reason for the correction: it goes into the audit log"
            ))
        default:
            break
        }
        if !reachedFinal {
            errors.append(RegistrationError(
                .notInFinalStage, field: "applicationId",
                ru: "\(entrant) не участвует в финальном этапе, поэтому результат записать нельзя",
                en: "\(entrantEN) is not in the final stage, so no result can be recorded"
            ))
        }
        if award == .absoluteWinner, let holder = absoluteWinner {
            errors.append(RegistrationError(
                .absoluteWinnerTaken, field: "award",
                ru: "Абсолютный победитель уже определён: \(holder); у события он может быть только один",
                en: "The absolute winner is already \(PersonName.transliterate(holder)); an event has only one"
            ))
        }
        return errors
    }

    /// Parses an award from the API's code and title: `special_title_required` for a special nomination
    /// without a title, `validation` for an unknown code.
    public static func award(code: String, title: String?) throws(RegistrationError) -> Award {
        if let award = Award(code: code, title: title) { return award }
        if code == "special" {
            throw RegistrationError(
                .specialTitleRequired, field: "title",
                ru: "Для специальной номинации нужно указать её название",
                en: "A special nomination needs a title"
            )
        }
        throw RegistrationError.validation(
            field: "award",
            ru: "Неизвестная награда «\(code)»; допустимые: \(Award.codes.joined(separator: ", "))",
            en: "Unknown award “\(code)”; expected one of \(Award.codes.joined(separator: ", "))"
        )
    }
}
