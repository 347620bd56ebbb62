import Foundation
import PQ
import SchoolNetMail
import Testing

/// Our SMTP client (SMTPTransport): a batch goes over one connection; a server that closes it between messages gets
/// the rest over a new one; a line starting with "." is doubled on the wire.
@Suite(.serialized) struct SMTPConnectionTests: MailFixture {
    @Test func severalMessagesGoOverOneConnection() async throws {
        let (pool, ids) = try outbox("mail_one_conn", rows: 3)
        let server = try SMTPTestServer()
        try server.start()
        let before = server.connections()  // aiosmtpd's controller tries its own port once at start
        defer { server.stop() }
        #expect(try await worker(pool, MovableTime(start), port: server.port).runOnce() == report(sent: 3))
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        #expect(server.connections() - before == 1)
        await pool.shutdown()
    }

    @Test func aServerClosingTheConnectionBetweenMessagesGetsEachOnce() async throws {
        let (pool, ids) = try outbox("mail_close_each", rows: 3)
        let server = try SMTPTestServer()
        try server.start(.closeEach)
        let before = server.connections()
        defer { server.stop() }
        #expect(try await worker(pool, MovableTime(start), port: server.port).runOnce() == report(sent: 3))
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        #expect(server.connections() - before == 3)
        await pool.shutdown()
    }

    @Test func aLineStartingWithADotIsDoubled() {
        #expect(SMTPTransport.dotStuffed("a\r\n.hidden\r\n..two\nb\r\n") == "a\r\n..hidden\r\n...two\r\nb\r\n.\r\n")
    }
}
