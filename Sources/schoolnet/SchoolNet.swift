import ArgumentParser
import Foundation

@main
struct SchoolNet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schoolnet",
        abstract: "Registration and participation for a regional network of schools.",
        discussion: """
            Connects to PostgreSQL through DATABASE_URL (or --database-url), else libpq's PG* variables.
            Exit codes: 0 done, 1 refused (the service says why), 2 usage, 3 database unreachable.

            Who it acts as:
              with a token in SCHOOLNET_TOKEN (or --token, for scripts: the variable
                keeps it out of shell history), that token's school, organiser or
                admin, checked as the HTTP API checks it;
              without a token, the regional admin, signed cli:$USER in the audit log
                (whoever reaches the database directly is the regional centre).
            token, organisations import/agreement, people import, modules create, demo load and report
            are the regional centre's: they refuse a school's or organiser's token.
            db and serve act for no one and ignore tokens.

            Example:
              export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/schoolnet
              schoolnet db migrate && schoolnet demo load && schoolnet report annual --year 2020-2021
            """,
        subcommands: [
            Database.self, Organisations.self, People.self, Modules.self, Events.self, Applications.self, Results.self,
            Report.self, Export.self, Token.self, Accounts.self, Notify.self, Demo.self, Serve.self
        ]
    )

    /// Parses, runs, and turns every failure into one line on stderr and the documented exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(CLIFailure.report(error))
        }
    }
}
