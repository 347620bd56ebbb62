/// What a notification reports (issue 15); the raw value is the database's `outbox_kind` and the mail template's name.
public enum NotificationKind: String, Sendable, CaseIterable, Codable {
    case applicationSubmitted = "application_submitted"
    case applicationEdited = "application_edited"
    case applicationWithdrawn = "application_withdrawn"
    case applicationAccepted = "application_accepted"
    case applicationRejected = "application_rejected"
    case stageAdvanced = "stage_advanced"
    case stageRemoved = "stage_removed"
    case resultsPublished = "results_published"
    case resultCorrected = "result_corrected"
    // Written by the schedulers, not by a change (NotificationKind+Schedule.swift).
    case registrationClosesIn3Days = "registration_closes_in_3_days"
    case registrationClosesTomorrow = "registration_closes_tomorrow"
    case eventTomorrow = "event_tomorrow"
    case organiserDigest = "organiser_digest"
    case registrationClosed = "registration_closed"
    // Account mail (migration 0023): the single-use link of an invitation or a password reset, to the account's address.
    case accountInvitation = "account_invitation"
    case passwordReset = "password_reset"

    /// The notification a move to `status` makes (nil for `submitted`, which only registering reaches).
    public static func statusChange(to status: ApplicationStatus) -> NotificationKind? {
        switch status {
        case .submitted: nil
        case .accepted: .applicationAccepted
        case .rejected: .applicationRejected
        case .withdrawn: .applicationWithdrawn
        }
    }
}
