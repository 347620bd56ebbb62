import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// Account mail (issue 15): with mail configured, an invitation's or a password reset's single-use link is written to
/// the outbox in the invitation's own transaction, arrives at the invited address through a real SMTP server, works
/// when opened from the received mail, and its secret is gone from the database once the mail is out.
@Suite(.serialized) struct AccountMailTests: MailFixture {
    static let admin = Caller(organisationID: nil, role: .regionalAdmin, tokenID: nil, displayName: "cli:test")
    static let password = "сосна-кедр-2020"

    func service(_ pool: PQPool, mails: Bool = true) -> AccountService {
        var policy = AccountPolicy.standard
        policy.bcryptCost = 4
        return AccountService(pool: pool, time: FixedTime(start), policy: policy, mailsLinks: mails)
    }

    func rows(_ pool: PQPool) async throws -> [OutboxRow] {
        try await pool.withConnection { conn in try OutboxRepository().rows(on: conn) }
    }

    /// The link the received mail's plain-text part carries under the test's public URL.
    func link(in message: String, path: String) throws -> String {
        let text = ScheduledDeliveryTests.text(message)
        let prefix = "https://schoolnet.test" + path
        guard let line = text.split(separator: "\n").first(where: { $0.contains(prefix) }),
            let range = line.range(of: prefix)
        else { throw MailTestError("no \(path) link in the mail: \(text)") }
        return String(line[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func anInvitationIsMailedOnceAndItsLinkFromTheMailWorks() async throws {
        let config = try TestDatabase.migrated("account_mail_invite")
        let pool = PQPool(configuration: config, size: 2)
        let accounts = service(pool)
        let invitation = try await accounts.invite(
            email: "Ivanova@School.example", displayName: "Иванова Мария", organisation: nil, role: .regionalAdmin, by: Self.admin)
        #expect(invitation.mailedTo == "ivanova@school.example")
        // a refused invitation (an organisation that does not exist) writes nothing
        await #expect(throws: (any Error).self) {
            _ = try await accounts.invite(
                email: "petrov@school.example", organisation: OrganisationID(rawValue: 987_654), role: .coordinator, by: Self.admin)
        }
        // without mail configured the link is shown, not queued
        let shown = try await service(pool, mails: false).invite(email: "sidorov@school.example", organisation: nil, role: .regionalAdmin, by: Self.admin)
        #expect(shown.mailedTo == nil && shown.link != nil)
        let queued = try await rows(pool)
        #expect(queued.map(\.kind) == ["account_invitation"])
        #expect(queued.map(\.recipient) == ["ivanova@school.example"])
        #expect(queued.map(\.language) == ["ru"])
        let secret = try #require(invitation.link?.raw)
        #expect(queued[0].payloadJSON.contains(secret))

        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        #expect(try await worker(pool, MovableTime(start), port: server.port).runOnce().sent == 1)
        let messages = try server.messages()
        #expect(messages.count == 1)
        #expect(messages[0].contains("To: ivanova@school.example"))
        #expect(ScheduledDeliveryTests.text(messages[0]).contains("Иванова Мария, вас пригласили"))
        let mailed = try link(in: messages[0], path: "/account/invitation/")
        #expect(mailed == secret)
        // the secret left the database with the mail
        let sent = try await rows(pool)
        #expect(sent[0].sentAt != nil)
        #expect(!sent[0].payloadJSON.contains(secret) && !sent[0].payloadJSON.contains("linkPath"))
        // the link from the mail sets the password, once
        #expect(try await accounts.acceptInvitation(mailed, password: Self.password) == invitation.account.id)
        await #expect(throws: (any Error).self) { _ = try await accounts.acceptInvitation(mailed, password: Self.password) }
        await pool.shutdown()
    }

    @Test func aPasswordResetIsMailedInTheAccountsLanguage() async throws {
        let config = try TestDatabase.migrated("account_mail_reset")
        let pool = PQPool(configuration: config, size: 2)
        let accounts = service(pool, mails: false)
        let invited = try await accounts.invite(
            email: "smith@school.example", displayName: "John Smith", organisation: nil, role: .regionalAdmin, by: Self.admin)
        _ = try await accounts.acceptInvitation(try #require(invited.link?.raw), password: Self.password)
        try await accounts.setMailPreferences(invited.account.id, language: "en", schoolApplications: nil, by: Self.admin)
        #expect(try await rows(pool).isEmpty)

        let mailing = service(pool)
        // no such account: no link, no mail
        #expect(try await mailing.requestPasswordReset(email: "nobody@school.example", by: Self.admin) == nil)
        let reset = try #require(try await mailing.requestPasswordReset(email: "smith@school.example", by: Self.admin))
        let queued = try await rows(pool)
        #expect(queued.map(\.kind) == ["password_reset"])
        #expect(queued.map(\.language) == ["en"])

        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        #expect(try await worker(pool, MovableTime(start), port: server.port).runOnce().sent == 1)
        let message = try #require(try server.messages().first)
        #expect(ScheduledDeliveryTests.text(message).contains("John Smith, at your request"))
        let mailed = try link(in: message, path: "/account/reset/")
        #expect(mailed == reset.raw)
        #expect(try await !rows(pool)[0].payloadJSON.contains(reset.raw))
        #expect(try await mailing.completePasswordReset(mailed, password: "новый-пароль-2021") == invited.account.id)
        await pool.shutdown()
    }
}
