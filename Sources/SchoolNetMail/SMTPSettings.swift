import Foundation

/// Where and how mail leaves, from the environment (README's table): `SCHOOLNET_SMTP_HOST` (mail is sent only when it
/// is set), `_PORT` (587), `_SECURITY` (`starttls`, `tls` or `none`), `_USER`/`_PASSWORD` (AUTH when a user is set),
/// `_FROM` (the sender), `_VERIFY` (`0` skips certificate checks, for a test relay only), `_TRUST_FILE` (PEM
/// certificates to trust instead of the system's: a relay with a private CA), `_TIMEOUT` (seconds, 30).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable { case startTLS = "starttls", tls, none }

    public var host: String
    public var port: Int
    public var security: Security
    public var user: String?
    public var password: String?
    public var fromAddress: String
    public var verifyCertificate: Bool
    /// PEM certificates the server's must chain to; nil: the system's trust store.
    public var trustFile: String?
    public var timeoutSeconds: Int
    /// The name sent in EHLO and after the @ of every Message-ID.
    public var heloName: String

    public init(
        host: String, port: Int = 587, security: Security = .startTLS, user: String? = nil, password: String? = nil,
        fromAddress: String, verifyCertificate: Bool = true, trustFile: String? = nil, timeoutSeconds: Int = 30,
        heloName: String = "schoolnet.localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.fromAddress = fromAddress
        self.verifyCertificate = verifyCertificate
        self.trustFile = trustFile
        self.timeoutSeconds = timeoutSeconds
        self.heloName = heloName
    }

    /// nil when `SCHOOLNET_SMTP_HOST` is unset or empty (no mail); a bad value throws naming the variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> SMTPSettings? {
        guard let host = env["SCHOOLNET_SMTP_HOST"], !host.isEmpty else { return nil }
        func bad(_ name: String) -> MailTransportError { MailTransportError("\(name)=\(env[name] ?? ""): not a valid value") }
        var settings = SMTPSettings(host: host, fromAddress: env["SCHOOLNET_SMTP_FROM"] ?? "schoolnet@\(host)")
        if let port = env["SCHOOLNET_SMTP_PORT"] {
            guard let value = Int(port), (1...65535).contains(value) else { throw bad("SCHOOLNET_SMTP_PORT") }
            settings.port = value
        }
        if let security = env["SCHOOLNET_SMTP_SECURITY"] {
            guard let value = Security(rawValue: security) else { throw bad("SCHOOLNET_SMTP_SECURITY") }
            settings.security = value
        }
        settings.user = env["SCHOOLNET_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }
        settings.password = env["SCHOOLNET_SMTP_PASSWORD"]
        settings.verifyCertificate = env["SCHOOLNET_SMTP_VERIFY"] != "0"
        if let trust = env["SCHOOLNET_SMTP_TRUST_FILE"], !trust.isEmpty {
            guard FileManager.default.isReadableFile(atPath: trust) else { throw bad("SCHOOLNET_SMTP_TRUST_FILE") }
            settings.trustFile = trust
        }
        if let timeout = env["SCHOOLNET_SMTP_TIMEOUT"] {
            guard let value = Int(timeout), value > 0 else { throw bad("SCHOOLNET_SMTP_TIMEOUT") }
            settings.timeoutSeconds = value
        }
        if let from = env["SCHOOLNET_SMTP_FROM"], let at = from.split(separator: "@").last, from.contains("@") {
            settings.heloName = String(at).trimmingCharacters(in: CharacterSet(charactersIn: "> "))
        }
        return settings
    }
}
