import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// `schoolnet notify follow EVENT [--org ORG] [--stop]`: the school gets the event's registration reminders.
struct NotifyFollow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Follow an event (its registration reminders reach the school's coordinators), or stop.",
        discussion: """
            A school's token follows for its own school; the regional centre names the school with --org.

            Example:
              schoolnet notify follow 12 --org "СОШ №50"
            """
    )
    @Argument(help: "The event's id.")
    var event: Int64
    @Option(help: "The school: an id or a name (the regional centre's; a school's token follows for itself).")
    var org: String?
    @Flag(help: "Stop following.")
    var stop = false
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions

    func run() async throws {
        try await database.withPool { pool in
            let caller = try await acting.caller(on: pool)
            let organisation: OrganisationID? =
                if let org { try await DirectoryService(pool: pool, time: SystemTime()).resolve(org) } else { nil }
            let service = NotificationService(pool: pool, time: SystemTime())
            if stop {
                try await service.unfollow(event: EventID(rawValue: event), organisation: organisation, by: caller)
            } else {
                try await service.follow(event: EventID(rawValue: event), organisation: organisation, by: caller)
            }
        }
        print(stop ? "not following event \(event)" : "following event \(event)")
    }
}

/// `schoolnet notify preferences --account ID|--person ID [--reminders on|off] [--digests on|off]`.
struct NotifyPreferences: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preferences",
        abstract: "Show or change what a person receives: reminders and digests (status changes cannot be turned off).",
        discussion: """
            Without --reminders or --digests, shows the stored choice. The regional centre's (no token).

            Example:
              schoolnet notify preferences --person 601 --reminders off
            """
    )
    enum Switch: String, ExpressibleByArgument { case on, off }

    @Option(help: "A personal account's id.")
    var account: Int64?
    @Option(help: "A person's id (a teacher reached through applications' contacts).")
    var person: Int64?
    @Option(help: "Reminders: on or off.")
    var reminders: Switch?
    @Option(help: "Organisers' digests of new applications: on or off.")
    var digests: Switch?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard (account == nil) != (person == nil) else { throw ValidationError("give exactly one of --account and --person") }
    }

    func run() async throws {
        let owner: NotificationSettingsRepository.Owner = account.map { .account($0) } ?? .person(PersonID(rawValue: person ?? 0))
        let shown = try await database.withPool { pool in
            let caller = try await acting.caller(on: pool)
            let service = NotificationService(pool: pool, time: SystemTime())
            var preferences = try await service.preferences(of: owner, by: caller)
            if reminders != nil || digests != nil {
                if let reminders { preferences.reminders = reminders == .on }
                if let digests { preferences.digests = digests == .on }
                try await service.setPreferences(preferences, of: owner, by: caller)
            }
            return preferences
        }
        var table = Table(columns: ["reminders", "digests"])
        table.rows.append([.bool(shown.reminders), .bool(shown.digests)])
        table.print(output.format)
    }
}

/// `schoolnet notify cancel-event EVENT`: no reminder is written or sent for it any more.
struct NotifyCancelEvent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-event",
        abstract: "Mark an event cancelled: its reminders stop (those already written are not sent).",
        discussion: "Its organiser's token or the regional centre.\n\nExample:\n  schoolnet notify cancel-event 12"
    )
    @Argument(help: "The event's id.")
    var event: Int64
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions

    func run() async throws {
        try await database.withPool { pool in
            try await NotificationService(pool: pool, time: SystemTime()).cancelEvent(EventID(rawValue: event), by: try await acting.caller(on: pool))
        }
        print("event \(event) cancelled")
    }
}
