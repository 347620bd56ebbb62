// Refusals of the organiser's actions that the shared rules don't spell out, on the existing codes.

extension RegistrationError {
    /// `not_found` for an event the caller may not know about: missing, or unpublished results for the public.
    public static func eventNotFound(_ id: EventID) -> RegistrationError {
        .notFound(field: "eventId", ru: "Событие №\(id.rawValue) не найдено", en: "Event \(id.rawValue) not found")
    }

    /// `not_found` for an application that is not in this event.
    public static func applicationNotFound(_ id: ApplicationID, field: String = "applicationId") -> RegistrationError {
        .notFound(
            field: field, ru: "Заявка №\(id.rawValue) на это событие не найдена",
            en: "Application \(id.rawValue) not found in this event")
    }

    /// `not_found` for a person who has no active application in this event.
    public static func participantNotFound(_ id: PersonID, field: String = "personId") -> RegistrationError {
        .notFound(
            field: field, ru: "Участник №\(id.rawValue) не найден среди действующих заявок события",
            en: "Person \(id.rawValue) is not in any active application of this event")
    }

    /// `not_found` for a person missing from the registry.
    public static func personNotFound(_ id: PersonID, field: String = "personId") -> RegistrationError {
        .notFound(field: field, ru: "Человек №\(id.rawValue) не найден", en: "Person \(id.rawValue) not found")
    }

    /// `not_found` for a stage of another event or none.
    public static func stageNotFound(_ id: StageID, field: String = "stageId") -> RegistrationError {
        .notFound(
            field: field, ru: "Этап №\(id.rawValue) у этого события не найден",
            en: "Stage \(id.rawValue) not found in this event")
    }

    /// `not_found` for a jury assignment of another event or none.
    public static func assignmentNotFound(_ id: JuryAssignmentID) -> RegistrationError {
        .notFound(
            field: "assignmentId", ru: "Назначение эксперта №\(id.rawValue) не найдено",
            en: "Jury assignment \(id.rawValue) not found")
    }

    /// `not_found` when asked to remove a result that was never recorded.
    public static func resultNotFound(entrant: String, field: String? = nil) -> RegistrationError {
        .notFound(
            field: field, ru: "У «\(entrant)» нет результата в этой номинации",
            en: "“\(entrant)” has no result in this nomination")
    }

    /// `nomination_not_in_event` for a nomination of another event or none.
    public static func nominationNotInEvent(_ id: NominationID, field: String = "nominationId") -> RegistrationError {
        RegistrationError(
            .nominationNotInEvent, field: field,
            ru: "Номинация №\(id.rawValue) не относится к этому событию",
            en: "Nomination \(id.rawValue) does not belong to this event")
    }

    /// `invalid_transition`: stages are taken in order, so only those in the previous stage move on.
    public static func notInPreviousStage(entrant: String, stage: String, previous: String, field: String? = nil) -> RegistrationError {
        RegistrationError(
            .invalidTransition, field: field,
            ru: "\(entrant): на этап «\(stage)» переводят только участников этапа «\(previous)»",
            en: "\(entrant): only entrants of “\(previous)” advance to “\(stage)”")
    }

    /// `validation`: one list names the same application and nomination twice.
    public static func duplicateResultRow(row: Int, earlier: Int, field: String) -> RegistrationError {
        .validation(
            field: field,
            ru: "Строка \(row + 1) повторяет строку \(earlier + 1): та же заявка в той же номинации",
            en: "Row \(row + 1) repeats row \(earlier + 1): the same application in the same nomination")
    }

    /// `validation`: pupils and preschoolers judge nobody.
    public static func jurorNotStaff(_ name: String) -> RegistrationError {
        .validation(
            field: "personId",
            ru: "\(name) не может быть экспертом: жюри составляют педагоги и преподаватели",
            en: "\(name) cannot be a juror: juries are made of teachers and lecturers")
    }

    /// `registration_closed`: the organiser can't reopen or close what has ended.
    public static func registrationEnded() -> RegistrationError {
        RegistrationError(
            .registrationClosed, field: "registration",
            ru: "Срок приёма заявок уже истёк: открыть или закрыть его нельзя",
            en: "The registration period is over: it can no longer be opened or closed")
    }

    /// `registration_not_open`: there is nothing to close before registration opens.
    public static func registrationNotOpenYet() -> RegistrationError {
        RegistrationError(
            .registrationNotOpen, field: "registration",
            ru: "Приём заявок ещё не открыт: закрывать нечего",
            en: "Registration has not opened yet: there is nothing to close")
    }

    /// The refusal a database constraint stands for, in general words: a lost race answers as the check would.
    public static func fromConstraint(_ constraint: String) -> RegistrationError? {
        guard let code = ErrorCode(constraint: constraint) else { return nil }
        switch code {
        case .absoluteWinnerTaken:
            return RegistrationError(
                code, field: "award",
                ru: "Абсолютный победитель уже определён; у события он может быть только один",
                en: "The absolute winner is already decided; an event has only one")
        case .specialTitleRequired:
            return RegistrationError(
                code, field: "title", ru: "Для специальной номинации нужно указать её название",
                en: "A special nomination needs a title")
        case .nominationNotInEvent:
            return RegistrationError(
                code, field: "nominationId", ru: "Номинация не относится к этому событию",
                en: "The nomination does not belong to this event")
        default:
            return RegistrationError(
                code, ru: "Запрос противоречит правилам события (\(code.rawValue))",
                en: "The request breaks the event's rules (\(code.rawValue))")
        }
    }
}

extension RegistrationError {
    /// `application_not_accepted`: results go to accepted entries only (a rejected one was disqualified).
    public static func notAcceptedForResult(entrant: String, status: ApplicationStatus, field: String = "applicationId") -> RegistrationError {
        RegistrationError(
            .applicationNotAccepted, field: field,
            ru: "\(entrant): результат записывают только принятым заявкам, а эта \(status.nameRU)",
            en: "\(entrant): results are recorded for accepted applications only, this one is \(status.nameEN)")
    }

    /// `validation`: a list with nothing in it.
    public static func emptyList(field: String) -> RegistrationError {
        .validation(field: field, ru: "Список пуст: нечего записывать", en: "The list is empty: nothing to record")
    }
}

extension RegistrationError {
    /// `not_found`: the application was never moved into that stage.
    public static func notInStage(entrant: String, stage: String, field: String? = nil) -> RegistrationError {
        .notFound(
            field: field, ru: "\(entrant) не участвует в этапе «\(stage)»",
            en: "\(entrant) is not in stage “\(stage)”")
    }

    /// `invalid_transition`: an entrant leaves the later stages first, and a finalist with results keeps its place.
    public static func stageStillNeeded(entrant: String, stage: String, because reasonRU: String, _ reasonEN: String, field: String? = nil) -> RegistrationError
    {
        RegistrationError(
            .invalidTransition, field: field,
            ru: "\(entrant) нельзя убрать из этапа «\(stage)»: \(reasonRU)",
            en: "\(entrant) cannot leave “\(stage)”: \(reasonEN)")
    }
}

extension RegistrationError {
    /// `invalid_transition`: an application is in the first stage because it is registered; it leaves by rejection or withdrawal.
    public static func firstStageIsRegistration(stage: String) -> RegistrationError {
        RegistrationError(
            .invalidTransition, field: "stageId",
            ru: "Из первого этапа «\(stage)» не убирают: в нём все действующие заявки; заявку можно отклонить",
            en: "No one is taken out of the first stage “\(stage)”: every active application is in it; reject the application instead")
    }
}
