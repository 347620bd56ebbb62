import Foundation

/// The built `schoolnet` binary, run as a user runs it: arguments in, exit code and output out.
struct CLIProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Next to the test bundle (both are products of one build), else in .build/debug.
    static let binary: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("schoolnet")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/schoolnet")
    }()

    /// Runs `schoolnet arguments...` with DATABASE_URL set to `databaseURL` (unset when nil) and no SCHOOLNET_TOKEN
    /// unless `extraEnvironment` gives one.
    static func run(_ arguments: [String], databaseURL: String?, extraEnvironment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        // Whom the CLI acts as is each test's choice, never the caller's shell's.
        environment["SCHOOLNET_TOKEN"] = nil
        for (key, value) in extraEnvironment { environment[key] = value }
        process.environment = environment
        // files, not pipes: a large output cannot block the child while we wait for it
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// A URL for a database made from the test configuration (scripts/test's server).
    static func url(database: String) throws -> String {
        guard let base = ProcessInfo.processInfo.environment["SCHOOLNET_TEST_DATABASE_URL"],
            var components = URLComponents(string: base)
        else { throw CLITestError("SCHOOLNET_TEST_DATABASE_URL is not set: run scripts/test") }
        components.path = "/" + database
        return components.string ?? base
    }

    static func file(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-cli-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
