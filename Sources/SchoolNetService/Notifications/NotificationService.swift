import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// What people choose about notifications (issue 15): a school follows events (for their reminders), a person turns
/// reminders and digests off, the regional centre subscribes its other systems to webhooks. The CLI
/// (`schoolnet notify ...`) and the API (`/v1/notifications/...`) are two doors to these calls.
public struct NotificationService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let settings = NotificationSettingsRepository()
    let webhooks = WebhookRepository()
    let accounts = AccountRepository()

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// The school that follows: a school's own (it may name no other), or the one the regional centre names.
    func school(_ organisation: OrganisationID?, for caller: Caller) throws -> OrganisationID {
        try caller.require([.school, .regionalAdmin])
        if caller.role == .regionalAdmin {
            guard let organisation else { throw NotificationRefusals.organisationRequired }
            return organisation
        }
        guard let own = caller.organisationID, organisation == nil || organisation == own else { throw NotificationRefusals.othersSchool }
        return own
    }

    /// The school follows the event: its coordinators get "registration closes in 3 days" and "tomorrow".
    public func follow(event: EventID, organisation: OrganisationID? = nil, by caller: Caller) async throws {
        let school = try school(organisation, for: caller)
        let now = time.now()
        let done = try await pool.withTransaction { [settings] conn in
            try AuditActor.set(caller, on: conn)
            return try settings.follow(event, organisation: school, by: caller.displayName, at: now, on: conn)
        }
        guard done else { throw Refusals.eventNotFound(event) }
    }

    /// The school stops following the event (nothing happens when it did not follow).
    public func unfollow(event: EventID, organisation: OrganisationID? = nil, by caller: Caller) async throws {
        let school = try school(organisation, for: caller)
        try await pool.withTransaction { [settings] conn in
            try AuditActor.set(caller, on: conn)
            _ = try settings.unfollow(event, organisation: school, on: conn)
        }
    }

    /// The events the school follows.
    public func followed(organisation: OrganisationID? = nil, by caller: Caller) async throws -> [EventID] {
        let school = try school(organisation, for: caller)
        return try await pool.withConnection { [settings] conn in try settings.followed(by: school, on: conn) }
    }

    /// `forbidden` unless the caller is the regional centre or the owner itself (a person through their own account).
    func authorize(_ owner: NotificationSettingsRepository.Owner, _ caller: Caller, on conn: PQConnection) throws {
        if caller.role == .regionalAdmin { return }
        guard let own = caller.accountID else { throw NotificationRefusals.notYours }
        switch owner {
        case .account(let id) where id == own: return
        case .person(let id) where try accounts.get(own, on: conn)?.personID == id: return
        default: throw NotificationRefusals.notYours
        }
    }

    /// What the owner receives besides the mail that is always sent.
    public func preferences(of owner: NotificationSettingsRepository.Owner, by caller: Caller) async throws -> NotificationPreferences {
        let found = try await pool.withConnection { [settings] conn in
            try authorize(owner, caller, on: conn)
            return try settings.preferences(of: owner, on: conn)
        }
        guard let found else { throw NotificationRefusals.ownerNotFound(owner) }
        return found
    }

    /// Stores the owner's choice; status changes of their own applications are sent whatever it says.
    public func setPreferences(_ preferences: NotificationPreferences, of owner: NotificationSettingsRepository.Owner, by caller: Caller)
        async throws
    {
        let now = time.now()
        let stored = try await pool.withTransaction { [settings] conn in
            try authorize(owner, caller, on: conn)
            try AuditActor.set(caller, on: conn)
            return try settings.setPreferences(preferences, of: owner, at: now, on: conn)
        }
        guard stored else { throw NotificationRefusals.ownerNotFound(owner) }
    }

    /// Calls the event off (its organiser or the regional centre): no reminder is written or sent for it any more.
    public func cancelEvent(_ event: EventID, by caller: Caller) async throws {
        try caller.require([.organiser, .regionalAdmin])
        let now = time.now()
        let done = try await pool.withTransaction { [settings] conn in
            try AuditActor.set(caller, on: conn)
            guard let organiser = try EventRepository().get(event, on: conn)?.organiserID,
                caller.role == .regionalAdmin || organiser == caller.organisationID
            else { return false }
            return try settings.cancel(event, at: now, on: conn)
        }
        guard done else { throw Refusals.eventNotFound(event) }
    }
}

extension NotificationService {
    /// The notification settings over the same pool and clock as `eventAdmin` (how the API wires it).
    public init(sharing eventAdmin: EventAdminService) {
        self.init(pool: eventAdmin.pool, time: eventAdmin.time)
    }
}
