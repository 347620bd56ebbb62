import ArgumentParser
import Foundation
import PQ
import SchoolNetDomain
import SchoolNetImport
import SchoolNetService

/// The exit codes `schoolnet` documents, and how each failure is told on stderr.
enum CLIFailure {
    static let refused: Int32 = 1
    static let usage: Int32 = 2
    static let databaseUnreachable: Int32 = 3

    /// Prints the error the way its kind deserves and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let refusal as RegistrationRefusal:
            for reason in refusal.errors { printError(line(reason)) }
            return refused
        case let reason as RegistrationError:
            printError(line(reason))
            return refused
        case let failure as JSONBodyError:
            printError("refused: \(failure.code): \(failure.messageEN) / \(failure.messageRU)")
            for field in failure.fieldErrors {
                printError("refused: \(field.code) [\(field.field)]: \(field.messageEN) / \(field.messageRU)")
            }
            return refused
        case let failure as CommandRefused:
            printError("refused: \(failure.message)")
            return refused
        case let failure as ReportService.ReportError:
            printError("refused: \(failure)")
            return refused
        case let failure as ImportError:
            printError("refused: \(failure.message)")
            return refused
        case let interrupted as ImportInterrupted:
            printError("import interrupted: \(interrupted)")
            return report(interrupted.cause)
        case let failure as PQError where failure.kind == .connection || failure.kind == .poolTimeout:
            printError("database unreachable: \(failure.message)")
            printError("hint: set DATABASE_URL (scripts/pg start prints one) or the PG* variables")
            return databaseUnreachable
        case let failure as PQError:
            printError("database error: \(failure)")
            return refused
        default:
            let code = SchoolNet.exitCode(for: error)
            let message = SchoolNet.fullMessage(for: error)
            if code == .success {
                print(message)
                return 0
            }
            if code == .validationFailure {
                printError(message)
                return usage
            }
            if let exit = error as? ExitCode { return exit.rawValue }
            printError("error: \(message.isEmpty ? String(describing: error) : message)")
            return refused
        }
    }

    static func line(_ reason: RegistrationError) -> String {
        "refused: \(reason.code.rawValue)\(reason.field.map { " [\($0)]" } ?? ""): \(reason.messageEN) / \(reason.messageRU)"
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A request the CLI itself refuses (not found, nothing to do): exit code 1 with this message.
struct CommandRefused: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
