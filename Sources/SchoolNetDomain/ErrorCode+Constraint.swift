extension ErrorCode {
    /// The refusal a database constraint or unique index stands for, by the name PostgreSQL reports.
    // The database repeats these rules as a last line of defence: a lost race must answer as the check would have.
    public init?(constraint: String) {
        switch constraint {
        case "application_event_capacity": self = .eventFull
        case "application_per_organisation_limit": self = .organisationLimitReached
        case "application_members_only": self = .organisationNotAllowed
        case "application_member_once_per_event": self = .personAlreadyEntered
        case "application_member_once_per_application": self = .duplicateMember
        case "application_member_team_max_size": self = .teamTooLarge
        case "application_team_name_unique": self = .teamNameTaken
        case "application_nomination_fkey", "entry_nomination_fkey", "result_nomination_fkey": self = .nominationNotInEvent
        case "application_rejection_has_reason": self = .rejectionReasonRequired
        case "application_idempotency_unique": self = .idempotencyConflict
        case "result_one_absolute_winner": self = .absoluteWinnerTaken
        case "result_special_has_title": self = .specialTitleRequired
        default: return nil
        }
    }
}
