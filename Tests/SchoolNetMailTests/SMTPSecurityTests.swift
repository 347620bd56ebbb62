import Foundation
import PQ
import SchoolNetMail
import Testing

/// STARTTLS and AUTH as the environment configures them, against aiosmtpd requiring both, with a self-signed
/// certificate the test makes with openssl: the right password and the server's certificate deliver; a wrong password
/// or a certificate nobody trusts delivers nothing and parks nothing (it is our configuration, not the message).
@Suite(.serialized) struct SMTPSecurityTests: MailFixture {
    /// A certificate for 127.0.0.1 and its key, in a fresh folder.
    func certificate() throws -> (certificate: String, key: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1"
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MailTestError("openssl could not make a certificate") }
        return (cert, key)
    }

    func settings(port: Int, password: String, trustFile: String?) throws -> SMTPSettings {
        var env = [
            "SCHOOLNET_SMTP_HOST": "127.0.0.1", "SCHOOLNET_SMTP_PORT": "\(port)", "SCHOOLNET_SMTP_USER": "schoolnet",
            "SCHOOLNET_SMTP_PASSWORD": password, "SCHOOLNET_SMTP_FROM": "schoolnet@\(host)", "SCHOOLNET_SMTP_TIMEOUT": "10"
        ]
        if let trustFile { env["SCHOOLNET_SMTP_TRUST_FILE"] = trustFile }
        return try #require(try SMTPSettings.fromEnvironment(env))
    }

    @Test func startTLSAndAuthDeliverWithTheServersCertificate() async throws {
        let (pool, ids) = try outbox("mail_tls", rows: 2)
        let tls = try certificate()
        let server = try SMTPTestServer()
        try server.start(auth: "schoolnet:пароль с пробелом", tls: tls)
        defer { server.stop() }
        let smtp = try settings(port: server.port, password: "пароль с пробелом", trustFile: tls.certificate)
        #expect(smtp.security == .startTLS && smtp.verifyCertificate)
        let w = worker(pool, MovableTime(start), port: server.port, settings: smtp)
        #expect(try await w.runOnce() == report(sent: 2))
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        await pool.shutdown()
    }

    @Test func aWrongPasswordOrAnUntrustedCertificateSendsNothingAndParksNothing() async throws {
        let (pool, _) = try outbox("mail_tls_bad", rows: 1)
        let tls = try certificate()
        let server = try SMTPTestServer()
        try server.start(auth: "schoolnet:right", tls: tls)
        defer { server.stop() }
        let time = MovableTime(start)
        let policy = DeliveryPolicy(baseDelay: 60, maxAttempts: 8)
        let wrongPassword = try settings(port: server.port, password: "wrong", trustFile: tls.certificate)
        #expect(try await worker(pool, time, port: server.port, policy: policy, settings: wrongPassword).runOnce() == report(retrying: 1))
        time.advance(60)
        let systemTrust = try settings(port: server.port, password: "right", trustFile: nil)
        #expect(try await worker(pool, time, port: server.port, policy: policy, settings: systemTrust).runOnce() == report(retrying: 1))
        #expect(try await states(pool)[0].error?.contains("certificate") == true)
        #expect(try server.messages().isEmpty)
        // fixed configuration: it goes
        time.advance(120)
        let right = try settings(port: server.port, password: "right", trustFile: tls.certificate)
        #expect(try await worker(pool, time, port: server.port, policy: policy, settings: right).runOnce() == report(sent: 1))
        await pool.shutdown()
    }

    @Test func theEnvironmentIsReadAndABadValueNamesItsVariable() throws {
        #expect(try SMTPSettings.fromEnvironment([:]) == nil)
        let s = try #require(
            try SMTPSettings.fromEnvironment([
                "SCHOOLNET_SMTP_HOST": "mail.example.org", "SCHOOLNET_SMTP_SECURITY": "tls", "SCHOOLNET_SMTP_PORT": "465",
                "SCHOOLNET_SMTP_FROM": "robot@school.example"
            ]))
        #expect(s.security == .tls && s.port == 465 && s.heloName == "school.example" && s.user == nil)
        #expect(MsmtpTransport(settings: s).arguments(for: sampleMessage).contains("--tls-starttls=off"))
        #expect(throws: MailTransportError.self) {
            try SMTPSettings.fromEnvironment(["SCHOOLNET_SMTP_HOST": "x", "SCHOOLNET_SMTP_TRUST_FILE": "/nonexistent.pem"])
        }
        do {
            _ = try SMTPSettings.fromEnvironment(["SCHOOLNET_SMTP_HOST": "x", "SCHOOLNET_SMTP_SECURITY": "ssl"])
            Issue.record("an unknown security mode was accepted")
        } catch {
            #expect("\(error)".contains("SCHOOLNET_SMTP_SECURITY"))
        }
    }

    var sampleMessage: MailMessage {
        MailMessage(from: "a@b.example", to: "c@d.example", subject: "s", messageID: "<x@y>", text: "t", html: "h", date: start)
    }
}
