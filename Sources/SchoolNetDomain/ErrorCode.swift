/// Stable machine-readable reason for a refusal; the raw value is the API's `code` and never changes.
public enum ErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
    case validation
    case unauthorized
    case forbidden
    case notFound = "not_found"

    case registrationNotOpen = "registration_not_open"
    case registrationClosed = "registration_closed"
    case registrationClosedEarly = "registration_closed_early"
    case editAfterDeadline = "edit_after_deadline"
    case withdrawAfterDeadline = "withdraw_after_deadline"

    case gradeMissing = "grade_missing"
    case gradeOutOfRange = "grade_out_of_range"
    case birthDateMissing = "birth_date_missing"
    case ageOutOfRange = "age_out_of_range"
    case preschoolerNotAllowed = "preschooler_not_allowed"
    case teacherNotAllowed = "teacher_not_allowed"
    case pupilNotAllowed = "pupil_not_allowed"
    case studentNotAllowed = "student_not_allowed"
    case consentMissing = "consent_missing"

    case teamNotAllowed = "team_not_allowed"
    case teamTooSmall = "team_too_small"
    case teamTooLarge = "team_too_large"
    case requiredRoleMissing = "required_role_missing"
    case duplicateMember = "duplicate_member"
    case teamNameTaken = "team_name_taken"

    case eventFull = "event_full"
    case stageFull = "stage_full"
    case organisationLimitReached = "organisation_limit_reached"
    case personAlreadyEntered = "person_already_entered"
    case nominationNotInEvent = "nomination_not_in_event"
    case organisationNotAllowed = "organisation_not_allowed"
    case idempotencyConflict = "idempotency_conflict"

    case invalidTransition = "invalid_transition"
    case rejectionReasonRequired = "rejection_reason_required"
    case applicationNotAccepted = "application_not_accepted"
    case notInFinalStage = "not_in_final_stage"
    case absoluteWinnerTaken = "absolute_winner_taken"
    case specialTitleRequired = "special_title_required"
    case resultsPublished = "results_published"
    case correctionReasonRequired = "correction_reason_required"
    case jurorConflict = "juror_conflict"

    /// A pupil's grade contradicts the one on record for the school year (an import or an earlier registration).
    case gradeConflict = "grade_conflict"
    /// The last entry of a capped list of refusals: how many more there were.
    case moreErrors = "more_errors"

    /// The HTTP status the API answers with: 401/403 who, 404 missing, 409 state, 422 rules. `validation` (a value
    /// of the right type that no rule accepts: grade 99, a blank name) is 422 as well; 400 is only for a body that is
    /// not the documented shape, which the HTTP layer refuses before any service sees it.
    public var httpStatus: Int {
        switch self {
        case .unauthorized: 401
        case .forbidden, .organisationNotAllowed: 403
        case .notFound: 404
        // juror_conflict is 409, not 403: the organiser may assign jurors; this juror clashes with who competes now.
        case .registrationNotOpen, .registrationClosed, .registrationClosedEarly,
            .editAfterDeadline, .withdrawAfterDeadline,
            .eventFull, .stageFull, .organisationLimitReached, .personAlreadyEntered,
            .idempotencyConflict, .invalidTransition, .applicationNotAccepted, .teamNameTaken,
            .absoluteWinnerTaken, .resultsPublished, .jurorConflict, .gradeConflict:
            409
        case .gradeMissing, .gradeOutOfRange, .birthDateMissing, .ageOutOfRange,
            .preschoolerNotAllowed, .teacherNotAllowed, .pupilNotAllowed, .studentNotAllowed,
            .consentMissing, .teamNotAllowed, .teamTooSmall, .teamTooLarge, .requiredRoleMissing,
            .duplicateMember, .nominationNotInEvent, .notInFinalStage, .specialTitleRequired,
            .correctionReasonRequired, .rejectionReasonRequired, .validation, .moreErrors:
            422
        }
    }
}
