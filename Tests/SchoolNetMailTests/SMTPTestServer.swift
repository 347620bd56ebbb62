import Foundation

/// A real SMTP server (aiosmtpd, `smtp_server.py`) in a process of its own: accepting into a folder, or refusing.
final class SMTPTestServer: @unchecked Sendable {
    let port: Int
    let folder: URL
    private var process: Process?

    init(port: Int? = nil) throws {
        self.port = try port ?? Self.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// What the server does with a message (smtp_server.py's MODE).
    enum Mode: String { case accept, refuse, tempfail, dropFirst = "drop-first", hold, closeEach = "close-each" }

    /// How many connections the server was opened.
    func connections() -> Int {
        ((try? String(contentsOf: folder.appendingPathComponent("connections"), encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// Starts the server and returns once it listens; `auth` ("user:password") requires AUTH, `tls` (certificate and
    /// key files) offers and requires STARTTLS.
    func start(_ mode: Mode = .accept, auth: String? = nil, tls: (certificate: String, key: String)? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        var arguments = [script, "\(port)", folder.path, mode.rawValue]
        if let auth { arguments += ["--auth", auth] }
        if let tls { arguments += ["--tls", tls.certificate, tls.key] }
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw MailTestError("smtp_server.py ended before it listened (is python3-aiosmtpd installed?)") }
            seen.append(chunk)
        }
    }

    func stop() {
        guard let process else { return }
        // SIGKILL: the test runner's blocked SIGTERM is inherited by its children, so terminate() would wait forever.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// The messages received, as their raw text.
    func messages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// The Message-ID header of each message received.
    func messageIDs() throws -> [String] {
        try messages().compactMap { text in
            // "\r\n" is one Character in Swift: split on newlines, not on "\n"
            text.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("message-id:") }
                .map { $0.dropFirst("message-id:".count).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// Waits (up to `seconds`) until `count` messages have arrived; returns the Message-IDs received.
    /// A bound on waiting, not a timing assertion: a full `scripts/test` starts every suite at once on two cores, and a
    /// first delivery (python server, msmtp, the pool) then took over a minute once.
    func waitForMessages(_ count: Int, seconds: Double = 240) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while try messages().count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return try messageIDs()
    }

    static func freePort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw MailTestError("no free port: \(text)") }
        return port
    }

    deinit { stop() }
}

struct MailTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
