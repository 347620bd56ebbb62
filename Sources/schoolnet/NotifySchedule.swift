import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetMail

/// `schoolnet notify schedule --once`: writes the reminders and digests due now and posts due webhooks, for cron
/// (mail itself leaves with `notify run`).
struct NotifySchedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Write the reminders and digests due now and post the webhooks due now.",
        discussion: """
            Reminders ("registration closes in 3 days", "closes tomorrow", "the event is tomorrow") are due from
            09:00 in each event's own time zone; each is written once, however often this runs. The organiser's
            digest of new applications is written at most hourly. Safe to run from several machines at once.

            Example (cron, every 5 minutes):
              */5 * * * * schoolnet notify schedule --once
            """
    )
    @Flag(help: "Run once and exit (the only mode for now; the server runs the same steps in its loop).")
    var once = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard once else { throw ValidationError("give --once (the loop runs inside `schoolnet serve`)") }
    }

    func run() async throws {
        let summary = try await database.withPool { pool in
            try await NotificationRound.run(pool: pool, now: SystemTime().now()).summary
        }
        print(summary)
    }
}
