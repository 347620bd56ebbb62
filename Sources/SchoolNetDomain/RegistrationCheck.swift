import Foundation

/// An application as a school submits or edits it.
public struct ApplicationDraft: Sendable, Hashable, Codable {
    public var organisationID: OrganisationID
    public var nominationID: NominationID?
    public var teamName: String?
    public var members: [Entrant]

    public init(organisationID: OrganisationID, nominationID: NominationID? = nil, teamName: String? = nil, members: [Entrant]) {
        self.organisationID = organisationID
        self.nominationID = nominationID
        self.teamName = teamName
        self.members = members
    }
}

/// What the store knows at the moment of the check, read in the same transaction that will write.
public struct RegistrationContext: Sendable, Hashable {
    public var eventID: EventID
    public var organisationName: String
    public var organisationIsMember: Bool
    /// The event that owns the draft's nomination; nil if the nomination doesn't exist.
    public var nominationEventID: EventID?
    /// Active applications at the event, not counting the one being edited.
    public var eventPlacesTaken: Int
    /// Active applications of this organisation at the event, likewise.
    public var organisationPlacesTaken: Int
    /// Other active applications of this event that already name a member, by the member's `identityKey`.
    public var existingEntries: [String: ApplicationID]
    /// Another active application of this event under the same team name, compared by normalised name.
    public var teamNameTakenBy: ApplicationID?

    public init(
        eventID: EventID, organisationName: String, organisationIsMember: Bool, nominationEventID: EventID? = nil,
        eventPlacesTaken: Int = 0, organisationPlacesTaken: Int = 0, existingEntries: [String: ApplicationID] = [:],
        teamNameTakenBy: ApplicationID? = nil
    ) {
        self.eventID = eventID
        self.organisationName = organisationName
        self.organisationIsMember = organisationIsMember
        self.nominationEventID = nominationEventID
        self.eventPlacesTaken = eventPlacesTaken
        self.organisationPlacesTaken = organisationPlacesTaken
        self.existingEntries = existingEntries
        self.teamNameTakenBy = teamNameTakenBy
    }
}

/// The whole decision on a new or edited application: every refusal, most fundamental first.
public enum RegistrationCheck {
    public enum Purpose: Sendable, Hashable {
        case submit
        /// Editing an application: the context's counts must leave that application out.
        case edit
    }

    /// All refusals for `draft`, most fundamental first; empty means the application may be written.
    // A closed window or an organisation that may not apply is reported alone: fixing anything else would not help.
    public static func violations(
        of draft: ApplicationDraft, rules: EventRules, context: RegistrationContext, at now: Date, purpose: Purpose = .submit
    ) -> [RegistrationError] {
        let windowError =
            switch purpose {
            case .submit: rules.window.checkSubmit(at: now)
            case .edit: rules.window.checkEdit(at: now)
            }
        if let windowError { return [windowError] }
        if let membership = EntryChecks.checkMembership(
            organisation: context.organisationName, isMember: context.organisationIsMember, membersOnly: rules.membersOnly
        ) {
            return [membership]
        }

        var errors: [RegistrationError] = []
        if let nomination = draft.nominationID,
            let error = EntryChecks.checkNomination(nomination, belongsTo: context.nominationEventID, event: context.eventID)
        {
            errors.append(error)
        }
        errors += rules.compositionViolations(members: draft.members, teamName: draft.teamName)
        for (index, member) in draft.members.enumerated() {
            if let error = EntryChecks.checkNotAlreadyEntered(member, existing: context.existingEntries[member.identityKey]) {
                errors.append(error.nested(under: "members[\(index)]"))
            }
        }

        if let teamName = draft.teamName,
            let error = EntryChecks.checkTeamName(teamName, takenBy: context.teamNameTakenBy)
        {
            errors.append(error)
        }
        if let error = Capacity.checkEvent(taken: context.eventPlacesTaken, limit: rules.capacity) {
            errors.append(error)
        }
        if let error = Capacity.checkOrganisation(
            named: context.organisationName, taken: context.organisationPlacesTaken, limit: rules.perOrganisationLimit
        ) {
            errors.append(error)
        }
        return errors
    }

    /// Throws a `RegistrationRefusal` carrying every refusal.
    public static func validate(
        _ draft: ApplicationDraft, rules: EventRules, context: RegistrationContext, at now: Date, purpose: Purpose = .submit
    ) throws(RegistrationRefusal) {
        try RegistrationRefusal.throwIfAny(violations(of: draft, rules: rules, context: context, at: now, purpose: purpose))
    }

    /// Whether an application may be edited at all: the school's right, the status machine, then the deadline.
    public static func checkEdit(status: ApplicationStatus, by actor: ActorRole, window: RegistrationWindow, at now: Date) throws(RegistrationError) {
        _ = try status.applying(.edit, by: actor)
        if let error = window.checkEdit(at: now) { throw error }
    }

    /// Withdrawal: the school's right, the status machine, then the deadline.
    public static func checkWithdraw(status: ApplicationStatus, by actor: ActorRole, window: RegistrationWindow, at now: Date) throws(RegistrationError)
        -> ApplicationStatus
    {
        let next = try status.applying(.withdraw, by: actor)
        if let error = window.checkWithdraw(at: now) { throw error }
        return next
    }
}
