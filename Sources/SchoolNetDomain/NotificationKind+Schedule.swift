import Foundation

/// The kinds the schedulers write, and which of them a person may turn off (issue 15).
extension NotificationKind {
    /// Reminders: "registration closes in 3 days", "closes tomorrow", "the event is tomorrow".
    public static let reminders: [NotificationKind] = [.registrationClosesIn3Days, .registrationClosesTomorrow, .eventTomorrow]

    /// What `NotificationPreferences` can turn off; everything else (status changes of one's own applications,
    /// "registration closed" to the organiser) is always sent.
    public var optional: NotificationPreferences.Topic? {
        switch self {
        case .registrationClosesIn3Days, .registrationClosesTomorrow, .eventTomorrow: .reminders
        case .organiserDigest: .digests
        default: nil
        }
    }

    /// The Standard Webhooks `type` of this kind ("application.accepted"), nil for kinds that address a person only.
    public var webhookType: String? {
        switch self {
        case .registrationClosesIn3Days, .registrationClosesTomorrow, .eventTomorrow, .organiserDigest: nil
        // Account mail carries a secret link: it goes to its person only, never to another system.
        case .accountInvitation, .passwordReset: nil
        default: rawValue.replacingOccurrences(of: "_", with: ".")
        }
    }

    /// Every webhook event type a subscription may name.
    public static let webhookTypes: [String] = allCases.compactMap(\.webhookType)
}

/// When reminders fire, in the event's own time zone: at `hour`:00 local time, `daysBefore` days before the day
/// registration closes on (3 and 1) or the event starts on (1). A reminder is due from that instant until the next
/// reminder of the same thing is due or the thing happens, so a scheduler that was down sends the latest only.
public enum ReminderSchedule {
    public static let hour = 9
}

/// What a person receives besides the mail that is always sent; no stored choice means everything.
public struct NotificationPreferences: Sendable, Equatable, Codable {
    public enum Topic: String, Sendable, CaseIterable, Codable { case reminders, digests }

    public var reminders: Bool
    public var digests: Bool

    public init(reminders: Bool = true, digests: Bool = true) {
        self.reminders = reminders
        self.digests = digests
    }
}
