import ArgumentParser
import Foundation

/// Every environment variable the CLI reads, named once. A flag beats the variable; the variable
/// beats the default; a value that does not parse stops the command, naming the variable.
enum EnvironmentVariable: String, CaseIterable {
    case host = "SCHOOLNET_HOST"
    case port = "SCHOOLNET_PORT"
    case poolSize = "SCHOOLNET_POOL_SIZE"
    case logLevel = "SCHOOLNET_LOG_LEVEL"
    /// The API token commands act as (`CallerOptions`, which reads it itself: an empty one is an error there).
    case token = "SCHOOLNET_TOKEN"
    /// The address the web pages are reached at, for the links `accounts invite` prints.
    case publicURL = "SCHOOLNET_PUBLIC_URL"

    /// The flag's value, else the variable's, else `fallback`.
    func resolve<T>(
        flag: T?,
        default fallback: T,
        in environment: [String: String] = ProcessInfo.processInfo.environment,
        parse: (String) -> T?
    ) throws -> T {
        if let flag { return flag }
        guard let raw = environment[self.rawValue], !raw.isEmpty else { return fallback }
        guard let value = parse(raw) else {
            throw ValidationError("\(self.rawValue)=\(raw) is not a valid value")
        }
        return value
    }
}
