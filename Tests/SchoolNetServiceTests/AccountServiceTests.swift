import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Personal accounts against the real database: invitations, passwords, login and its throttle, sessions and
/// their expiry (moved by the injected clock, never waited for), password resets, who may invite, the audit log.
@Suite(.serialized) struct AccountServiceTests {
    let fixture: RegistrationFixture
    init() throws { fixture = try RegistrationFixture.shared("accounts") }

    static let t0 = RegistrationFixture.now
    /// The standard numbers, but bcrypt at its lowest cost so tests hash in microseconds.
    static let policy: AccountPolicy = {
        var p = AccountPolicy.standard
        p.bcryptCost = 4
        return p
    }()

    static func policy(_ change: (inout AccountPolicy) -> Void) -> AccountPolicy {
        var p = policy
        change(&p)
        return p
    }

    func service(at instant: Date = t0, policy: AccountPolicy = policy) -> AccountService {
        AccountService(pool: fixture.pool, time: FixedTime(instant), policy: policy)
    }

    static let password = "сосна-кедр-2020"

    func uniqueEmail(_ label: String) -> String { "\(label).\(UUID().uuidString.prefix(8))@example.org".lowercased() }

    /// An invited account with `password` set: its email and id.
    func member(_ label: String, of organisation: OrganisationID? = nil, role: AccountRole = .coordinator) async throws -> (email: String, id: Int64) {
        let email = uniqueEmail(label)
        let invitation = try await service().invite(
            email: email, displayName: "Иванова М. П.", organisation: organisation ?? fixture.schoolA,
            role: role, by: fixture.admin)
        let link = try #require(invitation.link)
        let id = try await service().acceptInvitation(link.raw, password: Self.password)
        return (email, id)
    }

    func refusal(_ body: () async throws -> some Any) async -> AccountRefusal.Code? {
        do {
            _ = try await body()
            return nil
        } catch let refusal as AccountRefusal {
            return refusal.code
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func anInvitationSetsThePasswordOnceAndTheAccountSignsIn() async throws {
        let email = uniqueEmail("Coordinator")
        let invitation = try await service().invite(
            email: "  \(email.uppercased()) ", displayName: "Иванова  Мария", organisation: fixture.schoolA,
            role: .coordinator, by: fixture.admin)
        #expect(invitation.account.email == email)
        #expect(invitation.account.displayName == "Иванова Мария")
        #expect(invitation.account.memberships == [AccountMembership(organisationID: fixture.schoolA, role: .coordinator)])
        #expect(invitation.account.passwordSetAt == nil)
        let link = try #require(invitation.link)
        #expect(link.expiresAt == Self.t0.addingTimeInterval(7 * 86_400))
        #expect(!String(describing: link).contains(link.raw))
        #expect(try await service().invitationIsOpen(link.raw))

        // Only the link's SHA-256 is stored.
        let conn = try fixture.connect()
        #expect(
            try conn.query("SELECT count(*) FROM account_link WHERE secret_hash = sha256(convert_to($1, 'UTF8'))", [link.raw])
                .first!.decode(0, as: Int64.self) == 1)

        // A weak password is refused and leaves the link unused.
        for weak in ["short", "1234567890", "QwertyUiop", String(repeating: "я", count: 40), email] {
            #expect(await refusal { try await service().acceptInvitation(link.raw, password: weak) } == .weakPassword)
        }
        #expect(try await service().invitationIsOpen(link.raw))

        let id = try await service().acceptInvitation(link.raw, password: Self.password)
        #expect(id == invitation.account.id)
        #expect(try await !service().invitationIsOpen(link.raw))
        #expect(await refusal { try await service().acceptInvitation(link.raw, password: "другой-пароль-2021") } == .linkInvalid)
        let hash: String = try conn.query("SELECT password_hash FROM account WHERE id = $1", [id]).first!.decode(0)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(!hash.contains(Self.password))

        #expect(await refusal { try await service().login(email: email, password: "сосна-кедр-2021", address: "10.0.0.1") } == .invalidCredentials)
        #expect(await refusal { try await service().login(email: "nobody@example.org", password: Self.password, address: "10.0.0.1") } == .invalidCredentials)
        let login = try await service().login(email: email.uppercased(), password: Self.password, address: "10.0.0.1")
        #expect(login.principal.accountID == id)
        #expect(login.principal.memberships == [AccountMembership(organisationID: fixture.schoolA, role: .coordinator)])
        #expect(login.session.expiresAt == Self.t0.addingTimeInterval(12 * 3_600))
        #expect(!String(describing: login.session).contains(login.session.raw))
        #expect(try await service().validate(session: login.session.raw) == login.principal)
        #expect(
            try conn.query("SELECT count(*) FROM account_session WHERE id_hash = sha256(convert_to($1, 'UTF8'))", [login.session.raw])
                .first!.decode(0, as: Int64.self) == 1)

        // A new session id at every login; logout ends only its own session.
        let second = try await service().login(email: email, password: Self.password, address: "10.0.0.2")
        #expect(second.session.raw != login.session.raw)
        #expect(try await service().logout(session: login.session.raw))
        #expect(try await service().validate(session: login.session.raw) == nil)
        #expect(try await service().validate(session: second.session.raw)?.accountID == id)
        #expect(try await !service().logout(session: login.session.raw))
    }

    @Test func twoParallelAcceptancesOfOneInvitationLetExactlyOneThrough() async throws {
        let invitation = try await service().invite(email: uniqueEmail("race"), organisation: fixture.schoolB, role: .coordinator, by: fixture.admin)
        let link = try #require(invitation.link)
        let outcomes = await withTaskGroup(of: Result<Int64, any Error>.self) { group in
            for n in 0..<8 {
                group.addTask {
                    do { return .success(try await service().acceptInvitation(link.raw, password: "пароль-номер-\(n)-кедр")) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let successes = outcomes.compactMap { try? $0.get() }
        #expect(successes == [invitation.account.id])
        for case .failure(let error) in outcomes {
            #expect((error as? AccountRefusal)?.code == .linkInvalid)
        }
        // Exactly one password was set: exactly one of the eight passwords signs in.
        var signedIn = 0
        for n in 0..<8 {
            if (try? await service().login(email: invitation.account.email, password: "пароль-номер-\(n)-кедр", address: nil)) != nil { signedIn += 1 }
        }
        #expect(signedIn == 1)
    }

    @Test func parallelInvitationsOfOneAddressMakeOneAccountAndLeaveOneLinkOpen() async throws {
        let email = uniqueEmail("twice")
        let schools = [fixture.schoolA, fixture.schoolB] + fixture.others.prefix(4)
        let invitations = try await withThrowingTaskGroup(of: AccountService.Invitation.self) { group in
            for school in schools {
                group.addTask { try await service().invite(email: email, organisation: school, role: .coordinator, by: fixture.admin) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(invitations.map(\.account.id)).count == 1)
        var open = 0
        for invitation in invitations where try await service().invitationIsOpen(try #require(invitation.link).raw) { open += 1 }
        #expect(open == 1)
        let account = try #require(try await service().list(organisation: nil, by: fixture.admin).first { $0.email == email })
        #expect(Set(account.memberships.compactMap(\.organisationID)) == Set(schools))
    }

    @Test func anInvitationExpiresAfterSevenDaysAndANewOneReplacesTheOld() async throws {
        let email = uniqueEmail("late")
        let first = try #require(try await service().invite(email: email, organisation: fixture.schoolA, role: .coordinator, by: fixture.admin).link)
        let sevenDays: TimeInterval = 7 * 86_400
        #expect(try await service(at: Self.t0.addingTimeInterval(sevenDays - 1)).invitationIsOpen(first.raw))
        #expect(
            await refusal { try await service(at: Self.t0.addingTimeInterval(sevenDays)).acceptInvitation(first.raw, password: Self.password) } == .linkInvalid)

        // Inviting again (here into a second school) makes a new link and cancels the first.
        let later = Self.t0.addingTimeInterval(sevenDays + 60)
        let again = try await service(at: later).invite(email: email, organisation: fixture.schoolB, role: .coordinator, by: fixture.admin)
        let second = try #require(again.link)
        #expect(again.account.memberships.count == 2)
        let third = try #require(try await service(at: later).invite(email: email, organisation: fixture.schoolB, role: .coordinator, by: fixture.admin).link)
        #expect(try await !service(at: later).invitationIsOpen(second.raw))
        #expect(try await service(at: later).acceptInvitation(third.raw, password: Self.password) == again.account.id)

        // Once the password is set, inviting adds the membership and makes no link.
        let known = try await service(at: later).invite(email: email, organisation: fixture.organiser, role: .juror, by: fixture.admin)
        #expect(known.link == nil)
        #expect(known.membershipAdded)
        #expect(known.account.memberships.contains(AccountMembership(organisationID: fixture.organiser, role: .juror)))
    }

    @Test func aSessionEndsWhenIdleTooLongAndAtItsAbsoluteExpiryWhateverItsUse() async throws {
        let (email, _) = try await member("sessions")
        let login = try await service().login(email: email, password: Self.password, address: nil)
        let idle: TimeInterval = 2 * 3_600
        let raw = login.session.raw

        // Used just before going idle, it slides: still valid nearly two idle periods after login.
        #expect(try await service(at: Self.t0.addingTimeInterval(idle - 120)).validate(session: raw) != nil)
        #expect(try await service(at: Self.t0.addingTimeInterval(2 * idle - 240)).validate(session: raw) != nil)
        // Left alone for the idle limit, it is gone, and using it later does not bring it back.
        let lastUse = Self.t0.addingTimeInterval(2 * idle - 240)
        #expect(try await service(at: lastUse.addingTimeInterval(idle)).validate(session: raw) == nil)

        // Used every hour, a session still ends 12 hours after login.
        let busy = try await service().login(email: email, password: Self.password, address: nil)
        for hour in 1...11 {
            #expect(try await service(at: Self.t0.addingTimeInterval(Double(hour) * 3_600)).validate(session: busy.session.raw) != nil)
        }
        #expect(try await service(at: Self.t0.addingTimeInterval(12 * 3_600 - 1)).validate(session: busy.session.raw) != nil)
        #expect(try await service(at: Self.t0.addingTimeInterval(12 * 3_600)).validate(session: busy.session.raw) == nil)
    }

    @Test func parallelWrongPasswordsNeverCheckMoreThanTheLimit() async throws {
        let policy = Self.policy { $0.attemptsPerAccount = 5 }
        let (email, _) = try await member("throttle")
        let outcomes = await withTaskGroup(of: AccountRefusal.Code?.self) { group in
            for n in 0..<20 {
                group.addTask {
                    await refusal { try await service(policy: policy).login(email: email, password: "неверный-\(n)-пароль", address: "10.1.1.\(n)") }
                }
            }
            return await group.reduce(into: [AccountRefusal.Code?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .invalidCredentials }.count == 5)
        #expect(outcomes.filter { $0 == .tooManyAttempts }.count == 15)

        // The right password is refused too until the window has passed, and says when to retry.
        do {
            _ = try await service(policy: policy).login(email: email, password: Self.password, address: "10.2.2.2")
            Issue.record("a throttled account signed in")
        } catch let refusal as AccountRefusal {
            #expect(refusal.code == .tooManyAttempts)
            #expect(refusal.retryAfter == Self.t0.addingTimeInterval(15 * 60))
        }
        let later = service(at: Self.t0.addingTimeInterval(15 * 60), policy: policy)
        #expect(try await later.login(email: email, password: Self.password, address: "10.2.2.2").principal.email == email)
        // A success clears the account's count.
        for n in 0..<4 {
            #expect(await refusal { try await later.login(email: email, password: "неверный-\(n)-снова", address: "10.2.2.3") } == .invalidCredentials)
        }
        #expect(try await later.login(email: email, password: Self.password, address: "10.2.2.3").principal.email == email)
    }

    @Test func oneAddressIsThrottledAcrossAccounts() async throws {
        let policy = Self.policy { $0.attemptsPerAddress = 3 }
        let address = "192.0.2.1"
        let outcomes = await withTaskGroup(of: AccountRefusal.Code?.self) { group in
            for n in 0..<10 {
                group.addTask {
                    await refusal { try await service(policy: policy).login(email: "guess\(n)@example.org", password: "пароль-\(n)-наугад", address: address) }
                }
            }
            return await group.reduce(into: [AccountRefusal.Code?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .invalidCredentials }.count == 3)
        #expect(outcomes.filter { $0 == .tooManyAttempts }.count == 7)
    }

    @Test func logoutEverywhereAndAPasswordResetEndEverySession() async throws {
        let (email, id) = try await member("everywhere")
        let a = try await service().login(email: email, password: Self.password, address: nil)
        let b = try await service().login(email: email, password: Self.password, address: nil)
        #expect(try await service().logoutEverywhere(a.principal) == 2)
        #expect(try await service().validate(session: a.session.raw) == nil)
        #expect(try await service().validate(session: b.session.raw) == nil)

        let c = try await service().login(email: email, password: Self.password, address: nil)
        // Only the regional centre hands out reset links (until e-mail exists); an unknown address gets none.
        await #expect(throws: RegistrationRefusal.self) { _ = try await service().requestPasswordReset(email: email, by: fixture.school(fixture.schoolA)) }
        #expect(try await service().requestPasswordReset(email: "nobody@example.org", by: fixture.admin) == nil)
        let reset = try #require(try await service().requestPasswordReset(email: email, by: fixture.admin))
        #expect(reset.expiresAt == Self.t0.addingTimeInterval(86_400))
        #expect(await refusal { try await service().acceptInvitation(reset.raw, password: "новый-пароль-кедр") } == .linkInvalid)
        #expect(try await service().completePasswordReset(reset.raw, password: "новый-пароль-кедр") == id)
        #expect(await refusal { try await service().completePasswordReset(reset.raw, password: "ещё-один-пароль") } == .linkInvalid)
        #expect(try await service().validate(session: c.session.raw) == nil)
        #expect(await refusal { try await service().login(email: email, password: Self.password, address: nil) } == .invalidCredentials)
        #expect(try await service().login(email: email, password: "новый-пароль-кедр", address: nil).principal.accountID == id)
    }

    @Test func schoolsInviteOnlyCoordinatorsOfTheirOwnAndTheCentreDisables() async throws {
        let school = fixture.school(fixture.schoolA)
        let conn = try fixture.connect()
        func accounts() throws -> Int64 { try conn.query("SELECT count(*) FROM account").first!.decode(0) }
        let before = try accounts()
        for (organisation, role) in [(fixture.schoolB, AccountRole.coordinator), (fixture.schoolA, .organiser), (fixture.schoolA, .juror)] {
            let refused = await #expect(throws: RegistrationRefusal.self) {
                _ = try await service().invite(email: uniqueEmail("no"), organisation: organisation, role: role, by: school)
            }
            #expect(refused?.errors.map(\.code) == [.forbidden])
        }
        await #expect(throws: RegistrationRefusal.self) {
            _ = try await service().invite(email: uniqueEmail("no"), organisation: nil, role: .regionalAdmin, by: school)
        }
        let badEmail = await #expect(throws: RegistrationError.self) {
            _ = try await service().invite(email: "не адрес", organisation: fixture.schoolA, role: .coordinator, by: school)
        }
        #expect(badEmail?.field == "email")
        #expect(try accounts() == before)

        // Its own coordinators it may invite, and see, and remove from the school (not from elsewhere).
        let email = uniqueEmail("own")
        let invited = try await service().invite(email: email, organisation: fixture.schoolA, role: .coordinator, by: school)
        _ = try await service().invite(email: email, organisation: fixture.schoolB, role: .coordinator, by: fixture.admin)
        #expect(try await service().list(organisation: nil, by: school).contains { $0.id == invited.account.id })
        await #expect(throws: RegistrationRefusal.self) { _ = try await service().list(organisation: fixture.schoolB, by: school) }
        #expect(try await service().revoke(invited.account.id, by: school))
        #expect(try await !service().list(organisation: nil, by: school).contains { $0.id == invited.account.id })
        await #expect(throws: RegistrationError.self) { _ = try await service().revoke(invited.account.id, by: school) }

        // An organiser invites jurors of its own organisation.
        let juror = try await service().invite(email: uniqueEmail("juror"), organisation: fixture.organiser, role: .juror, by: fixture.organiserCaller)
        #expect(juror.link != nil)

        // The regional centre disables an account: its sessions end, its sign-in stops.
        let (memberEmail, memberID) = try await member("disabled")
        let session = try await service().login(email: memberEmail, password: Self.password, address: nil)
        #expect(try await service().revoke(memberID, by: fixture.admin))
        #expect(try await service().validate(session: session.session.raw) == nil)
        #expect(await refusal { try await service().login(email: memberEmail, password: Self.password, address: nil) } == .invalidCredentials)
        #expect(try await !service().revoke(memberID, by: fixture.admin))
    }

    @Test func housekeepingDeletesEndedSessionsAndCountersOnly() async throws {
        let (email, _) = try await member("purge")
        let ended = try await service().login(email: email, password: Self.password, address: "198.51.100.7")
        try await service().logout(session: ended.session.raw)
        let conn = try fixture.connect()
        func rows(_ sql: String) throws -> Int64 { try conn.query(sql).first!.decode(0) }
        // A session opened later (the suite's other tests log in at t0 too, and all of them have ended by t0 + 1 day).
        let dayLater = Self.t0.addingTimeInterval(86_400)
        let live = try await service(at: dayLater).login(email: email, password: Self.password, address: nil)
        _ = try await refusal { try await service(at: dayLater).login(email: email, password: "неверный-пароль-1", address: nil) }

        let purged = try await service(at: dayLater.addingTimeInterval(60)).purgeEnded()
        #expect(purged.sessions >= 1)
        #expect(try await service(at: dayLater.addingTimeInterval(60)).validate(session: live.session.raw)?.email == email)
        #expect(
            try conn.query("SELECT count(*) FROM account_session WHERE expires_at < $1 OR revoked_at IS NOT NULL", [dayLater])
                .first!.decode(0, as: Int64.self) == 0)
        // The counter of the wrong password at dayLater is still in its window; the earlier ones are gone.
        #expect(try rows("SELECT count(*) FROM login_throttle") == 1)
        #expect(try rows("SELECT count(*) FROM login_throttle WHERE key = 'account:\(email)'") == 1)
    }

    @Test func whatAPersonDoesIsSignedWithTheirAccountAndNoSecretReachesTheLog() async throws {
        let invitation = try await service().invite(
            email: uniqueEmail("audit"), displayName: "Петров П. П.", organisation: fixture.schoolA,
            role: .coordinator, by: fixture.admin)
        let id = try await service().acceptInvitation(try #require(invitation.link).raw, password: Self.password)
        let conn = try fixture.connect()
        let signed: Int64 = try conn.query(
            """
            SELECT count(*) FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'update'
              AND account_id = $1 AND token_id IS NULL AND actor = $2
            """, [id, "account:\(id) Петров П. П."]
        ).first!.decode(0)
        #expect(signed == 1)
        let invitedBy: Int64 = try conn.query(
            """
            SELECT count(*) FROM audit_log WHERE entity = 'account_membership' AND action = 'insert' AND actor = 'РЦРО' AND account_id IS NULL
              AND (after ->> 'account_id')::bigint = $1
            """, [id]
        ).first!.decode(0)
        #expect(invitedBy == 1)
        let leaks: Int64 = try conn.query(
            """
            SELECT count(*) FROM audit_log WHERE entity IN ('account', 'account_link')
              AND (coalesce(after, '{}') ?| ARRAY['password_hash', 'secret_hash'] OR coalesce(before, '{}') ?| ARRAY['password_hash', 'secret_hash'])
            """
        ).first!.decode(0)
        #expect(leaks == 0)
    }
}
