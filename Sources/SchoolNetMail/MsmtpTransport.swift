import Foundation

/// SMTP through Debian's `msmtp` (a maintained client: STARTTLS, implicit TLS, AUTH, timeouts), one process per
/// message fed on stdin. Configured by `SMTPSettings`; the password reaches msmtp only through its environment.
public struct MsmtpTransport: MailTransport {
    public let settings: SMTPSettings
    public let executable: String

    public init(settings: SMTPSettings, executable: String = "/usr/bin/msmtp") {
        self.settings = settings
        self.executable = executable
    }

    /// The command line (no secret on it: the password is read from `SCHOOLNET_SMTP_PASSWORD` by `passwordeval`).
    public func arguments(for message: MailMessage) -> [String] {
        var args = [
            "--host=\(settings.host)", "--port=\(settings.port)", "--from=\(settings.fromAddress)",
            "--timeout=\(settings.timeoutSeconds)", "--domain=\(settings.heloName)",
            "--tls=\(settings.security == .none ? "off" : "on")",
            "--tls-starttls=\(settings.security == .startTLS ? "on" : "off")"
        ]
        if settings.security != .none {
            args.append("--tls-certcheck=\(settings.verifyCertificate ? "on" : "off")")
            if settings.verifyCertificate { args.append("--tls-trust-file=\(settings.trustFile ?? "system")") }
        }
        if let user = settings.user {
            args += ["--auth=on", "--user=\(user)", "--passwordeval=printf '%s' \"$SCHOOLNET_SMTP_PASSWORD\""]
        } else {
            args.append("--auth=off")
        }
        args += ["--", message.to]
        return args
    }

    /// msmtp exits 69 for a 4xx and a 5xx alike; the reply it quotes ("server message: 550 ...") tells them apart. Only
    /// a refusal of this message or its recipient counts: a 535 to AUTH is our configuration, not the message's fault.
    static func isPermanent(_ stderr: String) -> Bool {
        // "envelope from address ... not accepted" (530 before STARTTLS, say) is ours to fix, not the message's.
        let refused = stderr.contains("did not accept the mail") || (stderr.contains("recipient address") && stderr.contains("not accepted"))
        guard refused else { return false }
        return stderr.split(whereSeparator: \.isNewline).contains { line in
            guard let range = line.range(of: "server message: ") else { return false }
            return line[range.upperBound...].first == "5"
        }
    }

    public func send(_ message: MailMessage) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(for: message)
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        if let password = settings.password { environment["SCHOOLNET_SMTP_PASSWORD"] = password }
        process.environment = environment
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: MailTransportError("cannot start \(executable): \(error)"))
                return
            }
            // A thread of its own writes the message: a full pipe must block no cooperative thread.
            Thread.detachNewThread {
                try? input.fileHandleForWriting.write(contentsOf: Data(message.rfc5322().utf8))
                try? input.fileHandleForWriting.close()
            }
        }
        guard status == 0 else {
            let said = String(decoding: (try? errors.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
            throw MailTransportError(
                "msmtp exit \(status): \(said.trimmingCharacters(in: .whitespacesAndNewlines))", permanent: Self.isPermanent(said))
        }
    }
}
