import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// Whom the CLI acts for without a token (`CallerOptions`): whoever may reach the database runs the regional
/// centre's tools, and the audit log names them by their login.
enum CLICaller {
    static var admin: Caller {
        Caller(
            organisationID: nil, role: .regionalAdmin,
            displayName: "cli:\(ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "operator")")
    }
}

extension LocalDate {
    /// For options: "2020-09-01" or "01.09.2020".
    static func parseOption(_ text: String) -> LocalDate? {
        if let iso = LocalDate(text) { return iso }
        let parts = text.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return LocalDate(year: parts[2], month: parts[1], day: parts[0])
    }
}

extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) {
        guard let date = LocalDate.parseOption(argument) else { return nil }
        self = date
    }
}
