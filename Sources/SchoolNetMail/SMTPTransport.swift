import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Our own SMTP client (RFC 5321) over SwiftNIO, DESIGN item 30: EHLO, STARTTLS or implicit TLS (NIOSSL, trusting the
/// system's store or `trustFile`), AUTH PLAIN or LOGIN, then MAIL FROM / RCPT TO / DATA (dot-stuffed, CRLF) for each
/// message over one connection kept open until `finishBatch` (QUIT); a refused message is followed by RSET, a
/// connection the server closed is opened again. Replies map as msmtp's did: a 5xx to RCPT TO or DATA is permanent
/// (the row is parked at once); a 4xx, a 5xx to anything else (AUTH, MAIL FROM: our configuration), a refused or
/// cut connection and a timeout are not.
public actor SMTPTransport: MailTransport {
    public let settings: SMTPSettings
    private var session: Session?

    public init(settings: SMTPSettings) { self.settings = settings }

    public func send(_ message: MailMessage) async throws {
        if let open = session {
            do {
                try await open.deliver(message, from: settings.fromAddress)
                return
            } catch let lost as ConnectionLost {
                // Closed while idle between messages (nothing of this message was accepted): once more, afresh.
                _ = lost
                session = nil
                await open.close()
            } catch {
                if !open.isUsable {
                    session = nil
                    await open.close()
                }
                throw error
            }
        }
        let fresh = try await Session.open(settings)
        session = fresh
        do {
            try await fresh.deliver(message, from: settings.fromAddress)
        } catch let lost as ConnectionLost {
            session = nil
            await fresh.close()
            throw lost.error
        } catch {
            if !fresh.isUsable {
                session = nil
                await fresh.close()
            }
            throw error
        }
    }

    public func finishBatch() async {
        guard let open = session else { return }
        session = nil
        await open.quit()
    }

    /// CRLF line ends, a "." doubled at the start of a line (RFC 5321 4.5.2), then the end-of-data line.
    public static func dotStuffed(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// The server went away before it accepted anything of a message on a reused connection.
    struct ConnectionLost: Error { var error: MailTransportError }

    /// One connection after its greeting, EHLO, TLS and AUTH.
    final class Session: @unchecked Sendable {
        let channel: any Channel
        let reader: SMTPReplyReader
        let timeout: TimeAmount
        /// False once a reply was missed or the connection broke: it cannot carry another message.
        private(set) var isUsable = true

        init(channel: any Channel, reader: SMTPReplyReader, timeout: TimeAmount) {
            self.channel = channel
            self.reader = reader
            self.timeout = timeout
        }

        static func open(_ settings: SMTPSettings) async throws -> Session {
            let timeout = TimeAmount.seconds(Int64(settings.timeoutSeconds))
            let tls = try settings.security == .none ? nil : NIOSSLContext(configuration: tlsConfiguration(settings))
            let reader = SMTPReplyReader()
            let implicit = settings.security == .tls ? tls : nil
            let host = settings.host
            let channel: any Channel
            do {
                channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(timeout)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            if let implicit {
                                try channel.pipeline.syncOperations.addHandler(
                                    NIOSSLClientHandler(context: implicit, serverHostname: serverName(host)))
                            }
                            try channel.pipeline.syncOperations.addHandler(reader)
                        }
                    }
                    .connect(host: settings.host, port: settings.port).get()
            } catch {
                throw MailTransportError("cannot connect to \(settings.host):\(settings.port): \(error)")
            }
            let session = Session(channel: channel, reader: reader, timeout: timeout)
            do {
                try await session.expect(220, session.reply(), "greeting")
                var ehlo = try await session.command("EHLO \(settings.heloName)")
                try session.expect(250, ehlo, "EHLO")
                if settings.security == .startTLS, let tls {
                    guard ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                        throw MailTransportError("the server does not offer STARTTLS: \(ehlo.summary)")
                    }
                    try session.expect(220, await session.command("STARTTLS"), "STARTTLS")
                    try await channel.eventLoop.submit {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName(host)), position: .first)
                    }.get()
                    ehlo = try await session.command("EHLO \(settings.heloName)")
                    try session.expect(250, ehlo, "EHLO after STARTTLS")
                }
                if let user = settings.user {
                    try await session.authenticate(user: user, password: settings.password ?? "", ehlo: ehlo)
                }
            } catch {
                await session.close()
                throw error
            }
            return session
        }

        static func tlsConfiguration(_ settings: SMTPSettings) -> TLSConfiguration {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if !settings.verifyCertificate {
                configuration.certificateVerification = .none
            } else if let trustFile = settings.trustFile {
                configuration.trustRoots = .file(trustFile)
            }
            return configuration
        }

        /// SNI and the name checked: a name, never an address (the certificate's address is checked against the peer's).
        static func serverName(_ host: String) -> String? {
            host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
        }

        func reply() async throws -> SMTPReply {
            do {
                return try await channel.eventLoop.flatSubmit { [reader, channel, timeout] in
                    reader.next(on: channel.eventLoop, timeout: timeout)
                }.get()
            } catch {
                isUsable = false
                throw error
            }
        }

        func write(_ text: String) async throws {
            var buffer = channel.allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            do {
                try await channel.writeAndFlush(buffer)
            } catch {
                isUsable = false
                let known = try? await channel.eventLoop.submit { [reader] in reader.failureNow }.get()
                throw known ?? MailTransportError("the server closed the connection: \(error)")
            }
        }

        func command(_ line: String) async throws -> SMTPReply {
            try await write(line + "\r\n")
            return try await reply()
        }

        func expect(_ code: Int, _ reply: SMTPReply, _ step: String, permanentIf5xx: Bool = false) throws {
            guard reply.code != code else { return }
            throw MailTransportError("\(step): \(reply.summary)", permanent: permanentIf5xx && (500...599).contains(reply.code))
        }

        func authenticate(user: String, password: String, ehlo: SMTPReply) async throws {
            let mechanisms = ehlo.lines.filter { $0.uppercased().hasPrefix("AUTH") }.joined(separator: " ").uppercased()
            func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
            if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                try expect(235, await command("AUTH PLAIN " + base64("\0\(user)\0\(password)")), "AUTH")
            } else {
                try expect(334, await command("AUTH LOGIN"), "AUTH")
                try expect(334, await command(base64(user)), "AUTH")
                try expect(235, await command(base64(password)), "AUTH")
            }
        }

        /// One message; on a refusal the transaction is reset (RSET) so the connection can carry the next.
        func deliver(_ message: MailMessage, from: String) async throws {
            let mail: SMTPReply
            do {
                mail = try await command("MAIL FROM:<\(from)>")
            } catch let error as MailTransportError {
                throw ConnectionLost(error: error)
            }
            if mail.code == 421 {
                isUsable = false
                throw ConnectionLost(error: MailTransportError("MAIL FROM: \(mail.summary)"))
            }
            do {
                try expect(250, mail, "MAIL FROM")
                try expect(250, await command("RCPT TO:<\(message.to)>"), "RCPT TO", permanentIf5xx: true)
                try expect(354, await command("DATA"), "DATA", permanentIf5xx: true)
                try await write(SMTPTransport.dotStuffed(message.rfc5322()))
                try expect(250, await reply(), "the server did not accept the message", permanentIf5xx: true)
            } catch {
                if isUsable, let reset = try? await command("RSET"), reset.code == 250 {} else { isUsable = false }
                throw error
            }
        }

        func quit() async {
            if isUsable { _ = try? await command("QUIT") }
            await close()
        }

        func close() async {
            isUsable = false
            try? await channel.close()
        }
    }
}
