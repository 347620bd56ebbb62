import ArgumentParser
import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService

/// `--token` (else SCHOOLNET_TOKEN): whom a command acts for. With a token, the caller the HTTP API would take it
/// for (same lookup by SHA-256, revoked and expired tokens refused), so the services' own permission checks
/// decide; without one, the regional admin, because whoever reaches the database directly is the regional centre.
struct CallerOptions: ParsableArguments {
    @Option(
        name: .customLong("token"),
        help: ArgumentHelp(
            "Act as this API token's holder (default: $SCHOOLNET_TOKEN, the better way: a token typed here stays in the shell history). Without either, the regional admin, signed cli:$USER.",
            valueName: "token"))
    var token: String?

    /// A token and where it came from, for messages; the token itself is never printed.
    struct Given {
        var token: String
        var source: String
    }

    func validate() throws {
        _ = try given()
    }

    /// The option's token, else the variable's, else nil. A set but empty one is a mistake, not "no token": a
    /// script whose `SCHOOLNET_TOKEN=$(cat school.token)` found no file must not quietly run as the regional admin.
    func given(in environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Given? {
        let variable = EnvironmentVariable.token.rawValue
        let given: Given? =
            if let token {
                Given(token: token, source: "--token")
            } else if let value = environment[variable] {
                Given(token: value, source: variable)
            } else {
                nil
            }
        guard var given else { return nil }
        // Tokens are base64url: surrounding whitespace is only ever a stray newline from a file.
        given.token = given.token.trimmingCharacters(in: .whitespacesAndNewlines)
        if given.token.isEmpty {
            throw ValidationError("\(given.source) is empty: give a token, or unset \(variable) to act as the regional admin")
        }
        return given
    }

    /// The caller this command acts as.
    func caller(on pool: PQPool) async throws -> Caller {
        guard let given = try given() else { return CLICaller.admin }
        guard let caller = try await TokenAuthenticator(pool: pool, time: SystemTime()).caller(of: given.token) else {
            throw CommandRefused("the token in \(given.source) is unknown, revoked or expired (the regional centre issues a new one)")
        }
        return caller
    }

    /// For the regional centre's own commands: the regional admin without a token, or an admin token's holder.
    /// Any other token is refused, so a school's SCHOOLNET_TOKEN never lets its holder act as the regional centre.
    func regionalCentre(on pool: PQPool, command: String) async throws -> Caller {
        let caller = try await caller(on: pool)
        guard caller.role == .regionalAdmin else {
            let source = (try? given())?.source ?? "--token"
            throw CommandRefused(
                "`schoolnet \(command)` is the regional centre's: it runs without a token or with an admin token, "
                    + "and the token in \(source) is \(caller.role == .school ? "a school's" : "an organiser's")")
        }
        return caller
    }
}
