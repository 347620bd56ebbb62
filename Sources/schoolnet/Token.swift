import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// `schoolnet token issue|rotate|revoke|list`: API tokens for schools, organisers and the regional centre.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue, rotate, revoke and list API tokens.",
        subcommands: [Issue.self, Rotate.self, Revoke.self, List.self]
    )

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case school, organiser, admin
        var actorRole: ActorRole {
            switch self {
            case .school: .school
            case .organiser: .organiser
            case .admin: .regionalAdmin
            }
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token and print it once: only its SHA-256 is stored, it cannot be shown again.",
            discussion: """
                The token goes to stdout alone (for scripts: TOKEN=$(schoolnet token issue ...)); its id and expiry to stderr.
                It expires at the end of the school year (1 September, Asia/Tomsk) unless --expires-in-days says otherwise.

                Example:
                  schoolnet token issue --org "Богашевская СОШ" --role school --label "заявки 2021"
                """
        )
        @Option(help: "The organisation the token acts for: an id or a name (not needed for admin).")
        var org: String?
        @Option(help: "school, organiser or admin.")
        var role: Role
        @Option(help: "What it is for, shown in token lists.")
        var label = ""
        @Option(help: "Days until it expires (default: the end of the school year).")
        var expiresInDays: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func validate() throws {
            if role != .admin && org == nil { throw ValidationError("--org is required for a \(role.rawValue) token") }
            if let expiresInDays, expiresInDays < 1 { throw ValidationError("--expires-in-days must be at least 1") }
        }

        func run() async throws {
            let issued = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "token issue")
                let organisation: OrganisationID? =
                    if let org {
                        try await DirectoryService(pool: pool, time: SystemTime()).resolve(org)
                    } else { nil }
                return try await TokenService(pool: pool, time: SystemTime()).issue(
                    role: role.actorRole, organisation: organisation, label: label,
                    expiresAt: expiresInDays.map { Date().addingTimeInterval(Double($0) * 86400) }, by: caller)
            }
            Token.announce(issued, verb: "issued")
        }
    }

    /// The id, scope and expiry to stderr, the token alone to stdout: it is shown only now.
    static func announce(_ issued: IssuedToken, verb: String) {
        let token = issued.token
        let scope = token.role.rawValue + (token.organisationID.map { ", organisation \($0.rawValue)" } ?? "")
        let expiry = token.expiresAt.map { "expires \($0.ISO8601Format())" } ?? "never expires"
        CLIFailure.printError("token \(token.id) \(verb) (\(scope)), \(expiry); it is shown only now:")
        print(issued.raw)
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a token: revoke it and issue a new one for the same organisation, role and label, printed once.",
            discussion: """
                The old token stops working at once; the new one goes to stdout alone, its id and expiry to stderr.

                Example:
                  NEW=$(schoolnet token rotate 3)
                """
        )
        @Argument(help: "The token's id (from `token issue` or `token list`).")
        var id: Int64
        @Option(help: "Days until the new token expires (default: the end of the school year).")
        var expiresInDays: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func validate() throws {
            if let expiresInDays, expiresInDays < 1 { throw ValidationError("--expires-in-days must be at least 1") }
        }

        func run() async throws {
            let issued = try await database.withPool { pool in
                try await TokenService(pool: pool, time: SystemTime()).rotate(
                    id, expiresAt: expiresInDays.map { Date().addingTimeInterval(Double($0) * 86400) },
                    by: try await acting.regionalCentre(on: pool, command: "token rotate"))
            }
            Token.announce(issued, verb: "issued in place of token \(id), which is revoked")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id: it stops working at once.",
            discussion: "Example:\n  schoolnet token revoke 3"
        )
        @Argument(help: "The token's id (from `token issue` or `token list`).")
        var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let revoked = try await database.withPool { pool in
                try await TokenService(pool: pool, time: SystemTime()).revoke(id, by: try await acting.regionalCentre(on: pool, command: "token revoke"))
            }
            print(revoked ? "token \(id) revoked" : "token \(id) was already revoked")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an organisation's tokens (or the admin tokens): ids and dates, never the secrets.",
            discussion: "Example:\n  schoolnet token list --org \"гимназия 13\" --format json"
        )
        @Option(help: "An organisation id or name; without it, the admin tokens.")
        var org: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let tokens = try await database.withPool { pool in
                _ = try await acting.regionalCentre(on: pool, command: "token list")
                let organisation: OrganisationID? =
                    if let org {
                        try await DirectoryService(pool: pool, time: SystemTime()).resolve(org)
                    } else { nil }
                return try await TokenService(pool: pool, time: SystemTime()).list(organisation: organisation)
            }
            var table = Table(columns: ["id", "role", "organisation_id", "label", "created_at", "expires_at", "revoked_at", "last_used_at"])
            for t in tokens {
                table.rows.append([
                    .int(t.id), .text(t.role.rawValue), Cell(t.organisationID?.rawValue), .text(t.label),
                    .text(t.createdAt.ISO8601Format()), Cell(t.expiresAt?.ISO8601Format()),
                    Cell(t.revokedAt?.ISO8601Format()), Cell(t.lastUsedAt?.ISO8601Format())
                ])
            }
            table.print(output.format)
        }
    }
}
