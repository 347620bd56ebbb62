import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet applications ...`: register from a file, list, withdraw.
struct Applications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register, list and withdraw applications.",
        subcommands: [Register.self, List.self, Withdraw.self]
    )

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a team or a pupil from a JSON file (the API's registration body).",
            discussion: """
                The file is what POST /v1/events/{id}/applications takes, with the event and the organisation:
                  {"eventId": 7, "organisationId": 3, "teamName": "Гимназия 13",
                   "responsible": {"name": "Смирнова Елена Викторовна", "email": "smirnova@example.org"},
                   "members": [{"lastName": "Иванова", "firstName": "Мария", "birthDate": "2009-05-01",
                                "kind": "pupil", "grade": 6, "consent": true}]}
                The file is read as strictly as the API reads its body: an unknown, missing or mistyped field is refused
                with its path (members[0].grade) in the API's words, before the database is opened.
                The event's rules are checked as for any school; every refusal is listed (exit code 1).
                --historical lifts the registration window only, for loading past years.
                A school's token (SCHOOLNET_TOKEN) registers for its own school only.

                Example:
                  export SCHOOLNET_TOKEN="$(cat school.token)"
                  schoolnet applications register team.json --format json
                """
        )
        @Argument(help: "The JSON file.")
        var file: String
        @Flag(help: "Loading a past year (the regional centre only): the registration window is not checked (eligibility and team rules are).")
        var historical = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandRefused("cannot read \(file)") }
            // The API's decoder and words: an unknown or mistyped field is refused naming its path.
            var request = try JSONBody.decode(RegistrationBody.self, from: Array(data)).request(idempotencyKey: nil)
            if historical { request.change.historicalImport = true }
            let outcome = try await database.withPool { pool in
                try await RegistrationService(pool: pool, time: SystemTime()).register(request, by: try await acting.caller(on: pool))
            }
            ApplicationPrinter.list([outcome.application], output.format)
            if outcome.replayed { CLIFailure.printError("(already registered with this idempotency key: nothing new)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an event's applications (or an organisation's).",
            discussion: """
                Needs --event ID (that event's applications) or --organisation ID|NAME (that organisation's), or both.
                A school's token lists only its own applications, an organiser's those to its events; no token, all.

                Example:
                  schoolnet applications list --event 7 --format csv
                """
        )
        @Option(help: "The event's id (this or --organisation is needed).")
        var event: Int64?
        @Option(help: "An organisation id or name (this or --event is needed).")
        var organisation: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            if event == nil && organisation == nil { throw ValidationError("give --event or --organisation") }
        }

        func run() async throws {
            let rows = try await database.withPool { pool in
                let caller = try await acting.caller(on: pool)
                let organisationID: OrganisationID? =
                    if let organisation {
                        try await DirectoryService(pool: pool, time: SystemTime()).resolve(organisation)
                    } else { nil }
                return try await RegistrationService(pool: pool, time: SystemTime())
                    .applications(eventID: event.map(EventID.init(rawValue:)), organisationID: organisationID, by: caller)
            }
            ApplicationPrinter.list(rows, output.format)
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw an application (its place and its members are freed).",
            discussion: """
                A school's token withdraws only its own applications.

                Example:
                  schoolnet applications withdraw 42 --reason "команда не сможет участвовать"
                """
        )
        @Argument(help: "The application's id.")
        var application: Int64
        @Option(help: "Why, for the organiser.")
        var reason: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let withdrawn = try await database.withPool { pool in
                try await RegistrationService(pool: pool, time: SystemTime())
                    .withdraw(ApplicationID(rawValue: application), reason: reason, by: try await acting.caller(on: pool))
            }
            ApplicationPrinter.list([withdrawn], output.format)
        }
    }
}

/// Applications as rows; JSON keeps them whole (members, entries, the responsible's contact), as the API shows an
/// application to whoever may see it: the services have already left out what the caller may not see.
enum ApplicationPrinter {
    static func list(_ applications: [Application], _ format: OutputFormat) {
        if format == .json {
            print(JSONOutput.string(encoding: applications))
            return
        }
        var table = Table(columns: ["id", "event_id", "organisation_id", "team_name", "status", "members", "headcount", "entries", "submitted_at"])
        for a in applications {
            table.rows.append([
                .int(a.id.rawValue), .int(a.eventID.rawValue), .int(a.organisationID.rawValue), Cell(a.teamName),
                .text(a.status.rawValue), .int(Int64(a.members.count)), Cell(a.headcount), .int(Int64(a.entries.count)),
                .text(a.submittedAt.ISO8601Format())
            ])
        }
        table.print(format)
    }
}
