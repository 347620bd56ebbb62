import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet people export PERSON`: a subject access request (issue 17).
struct ExportPerson: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Everything SchoolNet holds about one person, as JSON (a subject access request; the regional centre's).",
        discussion: """
            The person's record, grades, roles, consents, the applications they are named in (their own line: no
            teammate's data), those they are the responsible teacher of, entries, jury seats, accounts (never a
            password hash), preferences, the mail sent to them (kinds and dates) and their audit entries. The request
            is audited; its answer goes to stdout only. Hand it to the person or their parent, not to a log.

            Example:
              schoolnet people export 1042 > person-1042.json
            """
    )

    @Argument(help: "The person's id.")
    var person: Int64
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions

    func run() async throws {
        let document = try await database.withPool { pool in
            try await PersonExportService(pool: pool).export(PersonID(rawValue: person), by: try await acting.caller(on: pool))
        }
        print(document)
    }
}
