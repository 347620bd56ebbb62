/// Checks on an application's relation to the event and to earlier requests.
public enum EntryChecks {
    /// `person_already_entered` when `entrant` already holds a place in the event through `existing`.
    public static func checkNotAlreadyEntered(_ entrant: Entrant, existing: ApplicationID?) -> RegistrationError? {
        guard let existing else { return nil }
        return RegistrationError(
            .personAlreadyEntered,
            ru: "\(entrant.name.short) уже есть в другой заявке на это событие (заявка №\(existing.rawValue))",
            en: "\(entrant.name.short) is already entered in this event (application #\(existing.rawValue))"
        )
    }

    /// `team_name_taken` when another active application of the event already uses the name.
    public static func checkTeamName(_ name: String, takenBy other: ApplicationID?) -> RegistrationError? {
        guard let other else { return nil }
        return RegistrationError(
            .teamNameTaken, field: "teamName",
            ru: "Название команды «\(name)» уже занято в этом событии (заявка №\(other.rawValue)); выберите другое",
            en: "The team name “\(name)” is already taken in this event (application #\(other.rawValue))"
        )
    }

    /// `nomination_not_in_event` when the chosen nomination belongs to another event.
    public static func checkNomination(_ nomination: NominationID, belongsTo owner: EventID?, event: EventID) -> RegistrationError? {
        guard owner != event else { return nil }
        return RegistrationError(
            .nominationNotInEvent, field: "nominationId",
            ru: "Номинация №\(nomination.rawValue) не относится к этому событию",
            en: "Nomination #\(nomination.rawValue) does not belong to this event"
        )
    }

    /// `organisation_not_allowed` when a members-only event gets an application from outside the network.
    public static func checkMembership(organisation: String, isMember: Bool, membersOnly: Bool) -> RegistrationError? {
        guard membersOnly, !isMember else { return nil }
        return RegistrationError(
            .organisationNotAllowed, field: "organisationId",
            ru: "Событие только для участников сети, а «\(organisation)» не заключила договор о сетевом взаимодействии",
            en: "The event is for network members only, and “\(organisation)” has no network agreement"
        )
    }

    /// What to do with a request carrying an idempotency key.
    public enum IdempotencyOutcome: Sendable, Hashable {
        /// The key is new: process the request.
        case proceed
        /// The same request came again: answer with the stored response, change nothing.
        case replay
    }

    /// Compares fingerprints (e.g. SHA-256 of the canonical body) of the stored and incoming requests.
    public static func checkIdempotency(storedFingerprint: String?, incomingFingerprint: String) throws(RegistrationError) -> IdempotencyOutcome {
        guard let storedFingerprint else { return .proceed }
        guard storedFingerprint == incomingFingerprint else {
            throw RegistrationError(
                .idempotencyConflict, field: "Idempotency-Key",
                ru: "Этот ключ повтора запроса уже использован для другой заявки; для новой заявки нужен новый ключ",
                en: "This idempotency key was already used with a different request body; use a new key for a new request"
            )
        }
        return .replay
    }
}
