import Foundation
import PQ
import SchoolNetDomain

/// What people chose about notifications (issue 15): the events a school follows (for reminders) and each account's
/// or person's preferences (reminders, digests). Status changes of one's own applications are no choice.
public struct NotificationSettingsRepository: Sendable {
    public init() {}

    /// The school follows the event from `at`; following again keeps the first time. False if either is unknown.
    @discardableResult
    public func follow(_ event: EventID, organisation: OrganisationID, by signer: String, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.query(
            """
            INSERT INTO event_follow (event_id, organisation_id, followed_at, followed_by)
            SELECT e.id, o.id, $3, $4 FROM event e, organisation o WHERE e.id = $1 AND o.id = $2
            ON CONFLICT (event_id, organisation_id) DO UPDATE SET followed_at = event_follow.followed_at
            RETURNING event_id
            """, [event.rawValue, organisation.rawValue, at, signer]
        ).count == 1
    }

    /// The school stops following; false when it did not follow.
    @discardableResult
    public func unfollow(_ event: EventID, organisation: OrganisationID, on conn: PQConnection) throws -> Bool {
        try conn.execute("DELETE FROM event_follow WHERE event_id = $1 AND organisation_id = $2", [event.rawValue, organisation.rawValue]) == 1
    }

    /// The events the school follows, by id.
    public func followed(by organisation: OrganisationID, on conn: PQConnection) throws -> [EventID] {
        try conn.query("SELECT event_id FROM event_follow WHERE organisation_id = $1 ORDER BY event_id", [organisation.rawValue])
            .map { EventID(rawValue: try $0.decode(0)) }
    }

    /// A stored choice's owner: a personal account or a person (a teacher reached through applications' contacts).
    public enum Owner: Sendable, Hashable {
        case account(Int64)
        case person(PersonID)
    }

    /// The owner's preferences (everything when nothing is stored); nil when the owner does not exist.
    public func preferences(of owner: Owner, on conn: PQConnection) throws -> NotificationPreferences? {
        let (account, person) = Self.columns(owner)
        return try conn.query(
            """
            SELECT coalesce(np.reminders, true), coalesce(np.digests, true)
            FROM (SELECT 1 FROM account WHERE id = $1 UNION ALL SELECT 1 FROM person WHERE id = $2) owner
            LEFT JOIN notification_preference np ON np.account_id = $1 OR np.person_id = $2
            """, [account, person]
        ).first.map { NotificationPreferences(reminders: try $0.decode(0), digests: try $0.decode(1)) }
    }

    /// Stores the owner's preferences; false when the owner does not exist.
    @discardableResult
    public func setPreferences(_ preferences: NotificationPreferences, of owner: Owner, at: Date, on conn: PQConnection) throws -> Bool {
        let (account, person) = Self.columns(owner)
        let conflict = account == nil ? "person_id" : "account_id"
        return try conn.query(
            """
            INSERT INTO notification_preference (account_id, person_id, reminders, digests, updated_at)
            SELECT $1, $2, $3, $4, $5
            WHERE EXISTS (SELECT 1 FROM account WHERE id = $1) OR EXISTS (SELECT 1 FROM person WHERE id = $2)
            ON CONFLICT (\(conflict)) DO UPDATE SET reminders = excluded.reminders, digests = excluded.digests,
                                                    updated_at = excluded.updated_at
            RETURNING id
            """, [account, person, preferences.reminders, preferences.digests, at]
        ).count == 1
    }

    static func columns(_ owner: Owner) -> (Int64?, Int64?) {
        switch owner {
        case .account(let id): (id, nil)
        case .person(let id): (nil, id.rawValue)
        }
    }

    /// Calls the event off from `at` (reminders stop); false when there is no such event.
    @discardableResult
    public func cancel(_ event: EventID, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            "UPDATE event SET cancelled_at = coalesce(cancelled_at, $2), updated_at = $2 WHERE id = $1", [event.rawValue, at]) == 1
    }
}
