import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// `schoolnet notify webhooks add|list|remove`: the regional centre's other systems.
struct NotifyWebhooks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Subscribe the regional centre's systems to events (signed as Standard Webhooks say).",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL to event types; prints the new secret (whsec_...) once.",
            discussion: """
                Types: \(NotificationKind.webhookTypes.joined(separator: ", ")).

                Example:
                  schoolnet notify webhooks add https://crm.example/hooks/schoolnet --types application.accepted,application.rejected
                """
        )
        @Argument(help: "Where to post (http or https).")
        var url: String
        @Option(help: "Event types, comma-separated.")
        var types: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let subscription = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "notify webhooks add")
                return try await NotificationService(pool: pool, time: SystemTime()).subscribe(
                    url: url, eventTypes: types.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, by: caller)
            }
            WebhookPrinter.list([subscription], output.format, secrets: true)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the subscriptions (secrets are not shown).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let all = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "notify webhooks list")
                return try await NotificationService(pool: pool, time: SystemTime()).subscriptions(by: caller)
            }
            WebhookPrinter.list(all, output.format, secrets: false)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a subscription (its pending deliveries are parked).")
        @Argument(help: "The subscription's id.")
        var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "notify webhooks remove")
                try await NotificationService(pool: pool, time: SystemTime()).unsubscribe(id, by: caller)
            }
            print("subscription \(id) stopped")
        }
    }
}

enum WebhookPrinter {
    static func list(_ subscriptions: [WebhookSubscription], _ format: OutputFormat, secrets: Bool) {
        var table = Table(columns: ["id", "url", "types", "active"] + (secrets ? ["secret"] : []))
        for s in subscriptions {
            table.rows.append(
                [.int(s.id), .text(s.url), .text(s.eventTypes.joined(separator: ",")), .bool(s.disabledAt == nil)]
                    + (secrets ? [.text(s.secret)] : []))
        }
        table.print(format)
    }
}
