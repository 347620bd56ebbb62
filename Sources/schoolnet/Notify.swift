import ArgumentParser
import Foundation
import Logging
import SchoolNetDomain
import SchoolNetMail
import SchoolNetService
import ServiceLifecycle

/// `schoolnet notify ...` (issue 15): `run` sends the outbox's mail outside `serve` (cron; with --once it first runs the
/// schedulers, as `schedule --once` does), `parked`/`retry` what the worker gave up on; `follow`, `preferences`,
/// `webhooks` and `cancel-event` are the choices people and the regional centre make.
struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Notifications: send the queued mail, run the schedulers, follow events, choose what to receive, webhooks.",
        subcommands: [
            Run.self, Parked.self, Retry.self, NotifySchedule.self, NotifyFollow.self, NotifyPreferences.self, NotifyWebhooks.self,
            NotifyCancelEvent.self
        ]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver the outbox's mail through SMTP (SCHOOLNET_SMTP_*): what is due, or continuously.",
            discussion: """
                With --once it sends everything due now and exits (for cron; several may run side by side), printing
                how many were sent, left to retry and parked. Without it, it runs until SIGTERM/SIGINT, woken when mail
                is queued, as `serve` does when SCHOOLNET_SMTP_HOST is set. Exit 2 when SCHOOLNET_SMTP_HOST is unset.

                Example:
                  SCHOOLNET_SMTP_HOST=mail.example.org SCHOOLNET_SMTP_USER=schoolnet schoolnet notify run --once
                """
        )
        @Flag(help: "Send what is due now, then exit.")
        var once = false
        @Option(help: "Seconds between looks for retries falling due, without --once (default 30).")
        var pollInterval: Int = 30
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard pollInterval >= 1 else { throw ValidationError("--poll-interval must be at least 1") }
            guard let settings = try SMTPSettings.fromEnvironment() else {
                throw ValidationError("SCHOOLNET_SMTP_HOST is not set: there is no SMTP server to send through")
            }
            if once {
                let (round, report) = try await database.withPool { pool in
                    let round = try await NotificationRound.run(pool: pool, now: SystemTime().now())
                    let report = try await DeliveryWorker.live(pool: pool, settings: settings, publicURL: Accounts.publicURL()).runOnce()
                    return (round, report)
                }
                print(round.summary)
                print("sent \(report.sent), retrying \(report.retrying), parked \(report.parked)")
                return
            }
            let logger = Logger(label: "schoolnet.notify")
            try await database.withPool { pool in
                let worker = DeliveryWorker.live(pool: pool, settings: settings, publicURL: Accounts.publicURL(), logger: logger)
                let group = ServiceGroup(
                    services: [DeliveryService(worker: worker, pollInterval: .seconds(pollInterval))],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
                try await group.run()
            }
        }
    }

    struct Parked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the messages the worker gave up on (the regional centre's): id, kind, address, attempts, why.",
            discussion: "Example:\n  schoolnet notify parked --format json"
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rows = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "notify parked")
                return try await ParkedMailService(pool: pool, time: SystemTime()).parked(by: caller)
            }
            var table = Table(columns: ["id", "kind", "recipient", "attempts", "parked_at", "last_error"])
            for row in rows {
                table.rows.append([
                    .int(row.id), .text(row.kind), .text(row.recipient), .int(Int64(row.attempts)),
                    Cell(row.parkedAt?.ISO8601Format()), Cell(row.lastError)
                ])
            }
            table.print(output.format)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a parked message again (due now, attempts from zero, the same Message-ID).",
            discussion: "Example:\n  schoolnet notify retry 42"
        )
        @Argument(help: "The parked message's id (from `notify parked`).")
        var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "notify retry")
                try await ParkedMailService(pool: pool, time: SystemTime()).retry(id, by: caller)
            }
            print("message \(id) queued again")
        }
    }
}

/// The delivery worker as a service of `serve` (and `notify run`): runs until graceful shutdown, then finishes the
/// message in hand and gives back the rest of its batch.
struct DeliveryService: Service {
    let worker: DeliveryWorker
    let pollInterval: Duration

    func run() async throws {
        await withGracefulShutdownHandler {
            await worker.run(pollInterval: pollInterval)
        } onGracefulShutdown: {
            worker.stop()
        }
    }
}
