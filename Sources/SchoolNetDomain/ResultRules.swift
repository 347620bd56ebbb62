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
    /// Refusals to record `award` for `entrant` (a name or team name); `absoluteWinner` is another entry holding that award.
    // `reachedFinal` is true for entries in the final stage, or in the event itself when it has a single stage.
    public static func checkRecord(
        award: Award, entrant: String, reachedFinal: Bool, absoluteWinner: String?,
        results: ResultsState, change: ResultChange = .record
    ) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        let entrantEN = entrant
        switch change {
        case .record where results == .published:
            errors.append(
                RegistrationError(
                    .resultsPublished, field: "results",
                    ru: "Результаты уже опубликованы: изменить их можно только исправлением с указанием причины",
                    en: "Results are already published: they can only be changed by a correction stating its reason"
                ))
        case .correction(let reason) where Award.cleanTitle(reason) == nil:
            errors.append(
                RegistrationError(
                    .correctionReasonRequired, field: "reason",
                    ru: "Укажите причину исправления результата: она попадёт в журнал изменений",
                    en: "State the reason for the correction: it goes into the audit log"
                ))
        default:
            break
        }
        if !reachedFinal {
            errors.append(
                RegistrationError(
                    .notInFinalStage, field: "applicationId",
                    ru: "\(entrant) не участвует в финальном этапе, поэтому результат записать нельзя",
                    en: "\(entrantEN) is not in the final stage, so no result can be recorded"
                ))
        }
        if award == .absoluteWinner, let holder = absoluteWinner {
            errors.append(
                RegistrationError(
                    .absoluteWinnerTaken, field: "award",
                    ru: "Абсолютный победитель уже определён: \(holder); у события он может быть только один",
                    en: "The absolute winner is already \(holder); an event has only one"
                ))
        }
        return errors
    }

    /// An award from the API's code and title, or `special_title_required` / `validation`.
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
