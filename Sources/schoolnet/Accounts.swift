import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetMail
import SchoolNetService

/// `schoolnet accounts invite|list|revoke`: personal accounts (issue 13). With mail configured (SCHOOLNET_SMTP_HOST) an
/// invitation's or a reset's link is mailed to the account's address (issue 15); else it is printed once to whoever
/// asked, who passes it on.
struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invite people to personal accounts, list and revoke them, hand out password-reset links.",
        subcommands: [Invite.self, List.self, Revoke.self, Reset.self, Mail.self]
    )

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case coordinator, organiser, juror
        case regionalAdmin = "regional-admin"
        var accountRole: AccountRole {
            switch self {
            case .coordinator: .coordinator
            case .organiser: .organiser
            case .juror: .juror
            case .regionalAdmin: .regionalAdmin
            }
        }
    }

    /// Whether links are mailed rather than printed: mail is configured (a bad SMTP variable is refused by name).
    static func mailsLinks() throws -> Bool { try SMTPSettings.fromEnvironment() != nil }

    /// Where the web pages live, for the links: SCHOOLNET_PUBLIC_URL, else the local server's default address.
    static func publicURL(in environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment[EnvironmentVariable.publicURL.rawValue].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite someone: prints a single-use link (valid 7 days) that lets them set a password.",
            discussion: """
                With mail configured (SCHOOLNET_SMTP_HOST) the link is mailed to the address instead. Else the
                link goes to stdout alone and is shown only now (only its SHA-256 is stored); the account's id
                to stderr. Inviting someone who already has a password adds the membership and prints no link.
                The regional centre (no token, or an admin token) invites anyone; a school's token only
                coordinators of its own school; an organiser's token only organisers and jurors of its own
                organisation.

                Example:
                  schoolnet accounts invite --org "Богашевская СОШ" --role coordinator --email ivanova@example.org --name "Иванова Мария Петровна"
                """
        )
        @Option(help: "The organisation: an id or a name (not for regional-admin).")
        var org: String?
        @Option(help: "coordinator, organiser, juror or regional-admin.")
        var role: Role
        @Option(help: "The person's e-mail address: their login.")
        var email: String
        @Option(help: "How they sign (default: the e-mail address).")
        var name: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func validate() throws {
            if role != .regionalAdmin && org == nil { throw ValidationError("--org is required for the role \(role.rawValue)") }
            if role == .regionalAdmin && org != nil { throw ValidationError("--org is not used for the role regional-admin") }
        }

        func run() async throws {
            let invitation = try await database.withPool { pool in
                let caller = try await acting.caller(on: pool)
                let organisation: OrganisationID? =
                    if let org {
                        try await DirectoryService(pool: pool, time: SystemTime()).resolve(org)
                    } else { nil }
                return try await AccountService(pool: pool, time: SystemTime(), mailsLinks: try Accounts.mailsLinks()).invite(
                    email: email, displayName: name, organisation: organisation, role: role.accountRole, by: caller)
            }
            let account = invitation.account
            let what = invitation.membershipAdded ? "invited as \(role.rawValue)" : "already a \(role.rawValue) there"
            guard let link = invitation.link else {
                CLIFailure.printError("account \(account.id) (\(account.email)) \(what); it has a password already, so there is no link")
                return
            }
            if let address = invitation.mailedTo {
                CLIFailure.printError(
                    "account \(account.id) (\(account.email)) \(what); the link that sets the password was sent by mail to \(address) "
                        + "(it works once, until \(link.expiresAt.ISO8601Format()))")
                return
            }
            CLIFailure.printError(
                "account \(account.id) (\(account.email)) \(what); this link sets the password, works once, "
                    + "until \(link.expiresAt.ISO8601Format()), and is shown only now:")
            print("\(Accounts.publicURL())/account/invitation/\(link.raw)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List accounts and their memberships: never passwords or links.",
            discussion: """
                Without --org the regional centre sees every account; a school's or organiser's token sees its own
                organisation's.

                Example:
                  schoolnet accounts list --org "гимназия 13" --format json
                """
        )
        @Option(help: "An organisation id or name.")
        var org: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let accounts = try await database.withPool { pool in
                let caller = try await acting.caller(on: pool)
                let organisation: OrganisationID? =
                    if let org {
                        try await DirectoryService(pool: pool, time: SystemTime()).resolve(org)
                    } else { nil }
                return try await AccountService(pool: pool, time: SystemTime()).list(organisation: organisation, by: caller)
            }
            var table = Table(columns: ["id", "email", "name", "memberships", "password_set_at", "disabled_at"])
            for a in accounts {
                let memberships = a.memberships.map { m in
                    m.organisationID.map { "\(m.role.rawValue)@\($0.rawValue)" } ?? m.role.rawValue
                }.joined(separator: " ")
                table.rows.append([
                    .int(a.id), .text(a.email), .text(a.displayName), .text(memberships),
                    Cell(a.passwordSetAt?.ISO8601Format()), Cell(a.disabledAt?.ISO8601Format())
                ])
            }
            table.print(output.format)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an account: the regional centre disables it; a school or organiser removes it from its organisation.",
            discussion: """
                Disabling ends the account's sessions at once and cancels its unused links.

                Example:
                  schoolnet accounts revoke 7
                """
        )
        @Argument(help: "The account's id (from `accounts list`).")
        var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let (revoked, admin) = try await database.withPool { pool in
                let caller = try await acting.caller(on: pool)
                return (try await AccountService(pool: pool, time: SystemTime()).revoke(id, by: caller), caller.role == .regionalAdmin)
            }
            let done = admin ? "disabled" : "removed from your organisation"
            print(revoked ? "account \(id) \(done)" : "account \(id) was already \(done)")
        }
    }

    struct Mail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The regional centre's: set an account's mail language and whether a coordinator gets the school's application mail.",
            discussion: """
                Russian is the default; a coordinator receives the mail about the school's applications (besides the
                responsible teacher) only when it is turned on.

                Example:
                  schoolnet accounts mail 7 --language en --school-applications on
                """
        )
        enum Switch: String, ExpressibleByArgument { case on, off }
        @Argument(help: "The account's id (from `accounts list`).")
        var id: Int64
        @Option(help: "ru or en.")
        var language: String?
        @Option(help: "on or off: the school's application mail to this coordinator.")
        var schoolApplications: Switch?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func validate() throws {
            if language == nil && schoolApplications == nil { throw ValidationError("give --language or --school-applications") }
        }

        func run() async throws {
            try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "accounts mail")
                try await AccountService(pool: pool, time: SystemTime()).setMailPreferences(
                    id, language: language, schoolApplications: schoolApplications.map { $0 == .on }, by: caller)
            }
            print("account \(id): mail preferences saved")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The regional centre's: print a single-use password-reset link (valid 24 hours) for an account.",
            discussion: """
                With mail configured (SCHOOLNET_SMTP_HOST) the link is mailed to the account's address (the
                running server, or `notify run --once`, sends it). Else the regional centre hands it over itself:
                the link goes to stdout alone and is shown only now; using it sets a new password and ends the account's sessions.

                Example:
                  schoolnet accounts reset --email ivanova@example.org
                """
        )
        @Option(help: "The account's e-mail address.")
        var email: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let mailed = try Accounts.mailsLinks()
            let link = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "accounts reset")
                return try await AccountService(pool: pool, time: SystemTime(), mailsLinks: mailed).requestPasswordReset(email: email, by: caller)
            }
            guard let link else {
                throw CommandRefused("no enabled account signs in with \(email)")
            }
            if mailed {
                CLIFailure.printError(
                    "account \(link.accountID): the link that sets a new password was sent by mail to \(email) "
                        + "(it works once, until \(link.expiresAt.ISO8601Format()))")
                return
            }
            CLIFailure.printError(
                "account \(link.accountID): this link sets a new password, works once, until "
                    + "\(link.expiresAt.ISO8601Format()), and is shown only now:")
            print("\(Accounts.publicURL())/account/reset/\(link.raw)")
        }
    }
}
