import Foundation

/// The repository's `sql/` folder, found from this file's path (tests run from any directory).
enum SQLFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql")

    /// `(file name, text)` of every `.sql` file in `sql/<folder>`, in name order; none if it is missing.
    static func files(_ folder: String) throws -> [(name: String, text: String)] {
        let dir = root.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: dir.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
            .map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// A psql script as plain SQL: its backslash meta-commands (\set, \o, \echo) removed.
    static func withoutPsqlCommands(_ script: String) -> String {
        script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\") }
            .joined(separator: "\n")
    }
}
