import Dispatch
import Foundation
import HummingbirdBcrypt
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Personal accounts (issue 13): invitations, passwords, login with throttling, sessions, password resets.
/// Secrets (links, session ids) are made by the store, shown once and stored as SHA-256; passwords as bcrypt.
/// Nothing here logs or returns a password; a link's secret leaves only inside the `IssuedLink` made for it.
public struct AccountService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    public let policy: AccountPolicy
    let accounts = AccountRepository()
    let sessions = SessionRepository()
    /// Whether mail is configured (issue 15): then an invitation's or a password reset's link is also written to the
    /// outbox, in the same transaction, and mailed to the account's address instead of being shown.
    public let mailsLinks: Bool

    public init(pool: PQPool, time: any TimeSource, policy: AccountPolicy = .standard, mailsLinks: Bool = false) {
        self.pool = pool
        self.time = time
        self.policy = policy
        self.mailsLinks = mailsLinks
    }

    // MARK: invitations and memberships

    /// What `invite` did: the account (new or existing) and, when it has no password yet, the one-time link
    /// that lets its holder set one.
    public struct Invitation: Sendable {
        public let account: Account
        /// nil when the account already has a password: the new membership simply applies at its next request.
        public let link: IssuedLink?
        /// false when the account had this membership already.
        public let membershipAdded: Bool
        /// The address the link was mailed to (the outbox row commits with the invitation), nil when it was not.
        public var mailedTo: String? = nil
    }

    /// Invites `email` into `organisation` as `role` (the regional admin's role has no organisation). The regional
    /// admin invites anyone; a school only coordinators of its own organisation; an organiser only organisers and
    /// jurors of its own. A new link replaces the account's earlier unused invitation.
    public func invite(
        email rawEmail: String, displayName: String? = nil, organisation: OrganisationID?, role: AccountRole,
        personID: PersonID? = nil, by caller: Caller
    ) async throws -> Invitation {
        let email = try Self.normalisedEmail(rawEmail)
        if (role == .regionalAdmin) != (organisation == nil) {
            throw RegistrationError(
                .validation, field: "organisation",
                ru: role == .regionalAdmin
                    ? "Роль регионального администратора не привязана к организации"
                    : "Для роли \(role.rawValue) нужна организация",
                en: role == .regionalAdmin ? "The regional admin's role has no organisation" : "The role \(role.rawValue) needs an organisation")
        }
        try Self.mayInvite(caller, into: organisation, as: role)
        let name = ApplicationChange.tidy(displayName) ?? email
        let now = time.now()
        let lifetime = policy.invitationLifetime
        return try await pool.withTransaction { [accounts] conn in
            try AuditActor.set(caller, on: conn)
            if let organisation, try OrganisationRepository().get(organisation, on: conn) == nil {
                throw DirectoryService.notFound(organisation)
            }
            // The upsert locks the account's row to the end of this transaction: parallel invitations of one
            // address queue here, so the second sees (and cancels) the first one's link.
            let id = try accounts.createOrFind(email: email, displayName: name, personID: personID, at: now, on: conn)
            guard var account = try accounts.get(id, on: conn) else { throw PQError(kind: .other, message: "account \(id) vanished") }
            if account.disabledAt != nil {
                throw RegistrationError(
                    .validation, field: "email", ru: "Учётная запись \(email) отключена",
                    en: "The account \(email) is disabled")
            }
            let added = try accounts.addMembership(
                id, AccountMembership(organisationID: organisation, role: role),
                grantedBy: caller.displayName, at: now, on: conn)
            let link =
                account.passwordSetAt == nil
                ? try accounts.issueLink(
                    id, purpose: .invitation, createdBy: caller.displayName, at: now,
                    expiresAt: now.addingTimeInterval(lifetime), on: conn)
                : nil
            account = try accounts.get(id, on: conn) ?? account
            var mailedTo: String?
            if mailsLinks, let link,
                try OutboxRepository().enqueueAccountLink(
                    .accountInvitation, account: id, link: link.id, linkPath: Self.linkPath(link), expiresAt: link.expiresAt, at: now, on: conn) > 0
            {
                mailedTo = account.email
            }
            return Invitation(account: account, link: link, membershipAdded: added, mailedTo: mailedTo)
        }
    }

    /// Accounts of `organisation` (every account for nil: the regional admin's view). A school or an organiser
    /// sees only its own organisation's.
    public func list(organisation: OrganisationID?, by caller: Caller) async throws -> [Account] {
        let organisation = caller.role == .regionalAdmin ? organisation : (organisation ?? caller.organisationID)
        if caller.role != .regionalAdmin, organisation != caller.organisationID {
            throw Refusals.one(
                RegistrationError(
                    .forbidden, field: "organisation", ru: "Можно смотреть только учётные записи своей организации",
                    en: "Only your own organisation's accounts can be listed"))
        }
        return try await pool.withConnection { [accounts] conn in try accounts.list(organisationID: organisation, on: conn) }
    }

    /// The regional admin disables the account (its sessions end, its unused links stop working); a school or an
    /// organiser removes the account from its own organisation. False when there was nothing left to revoke.
    public func revoke(_ accountID: Int64, by caller: Caller) async throws -> Bool {
        let now = time.now()
        return try await pool.withTransaction { [accounts, sessions] conn in
            try AuditActor.set(caller, on: conn)
            let account = try accounts.get(accountID, on: conn)
            if caller.role == .regionalAdmin {
                guard account != nil else { throw Self.accountNotFound(accountID) }
                let disabled = try accounts.disable(accountID, at: now, on: conn)
                try sessions.revokeAll(accountID: accountID, at: now, on: conn)
                try accounts.cancelLinks(accountID, purpose: nil, at: now, on: conn)
                return disabled
            }
            // Someone else's account is "not found": a school does not learn who has accounts elsewhere.
            guard let organisation = caller.organisationID, let account,
                account.memberships.contains(where: { $0.organisationID == organisation })
            else {
                throw Self.accountNotFound(accountID)
            }
            return try accounts.removeMemberships(accountID, organisationID: organisation, on: conn) > 0
        }
    }

    // MARK: links and passwords

    /// Whether the invitation link would open now (for the page that asks for the new password).
    public func invitationIsOpen(_ secret: String) async throws -> Bool {
        let now = time.now()
        return try await pool.withConnection { [accounts] conn in try accounts.linkIsOpen(secret, purpose: .invitation, at: now, on: conn) }
    }

    /// Opens an invitation: sets the account's first password. The link works once (of two parallel uses exactly
    /// one succeeds) and a password the policy refuses leaves it unused.
    public func acceptInvitation(_ secret: String, password: String) async throws -> Int64 {
        try await usePasswordLink(secret, purpose: .invitation, password: password, signIn: nil).accountID
    }

    /// The same, and signs the person in from `address` in the same transaction (the web page's way): the link
    /// just proved who they are, so they need not type the password again.
    public func acceptInvitation(_ secret: String, password: String, signingInFrom address: String?) async throws -> Login {
        try await usePasswordLink(secret, purpose: .invitation, password: password, signIn: .init(address: address)).login!
    }

    /// A password-reset link for the account with `email`, or nil when there is no such (enabled) account. Only the
    /// regional centre may ask for one; with `mailsLinks` the link is mailed to the account's address (an outbox row in
    /// this transaction), else the regional centre hands it over itself. A web page for "forgot my password" must
    /// never show the link to whoever asked.
    public func requestPasswordReset(email rawEmail: String, by caller: Caller) async throws -> IssuedLink? {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        guard let email = try? Self.normalisedEmail(rawEmail) else { return nil }
        let now = time.now()
        let lifetime = policy.passwordResetLifetime
        return try await pool.withTransaction { [accounts] conn in
            try AuditActor.set(caller, on: conn)
            guard let (account, _) = try accounts.credential(email: email, on: conn), account.disabledAt == nil else { return nil }
            let link = try accounts.issueLink(
                account.id, purpose: .passwordReset, createdBy: caller.displayName, at: now,
                expiresAt: now.addingTimeInterval(lifetime), on: conn)
            if mailsLinks {
                try OutboxRepository().enqueueAccountLink(
                    .passwordReset, account: account.id, link: link.id, linkPath: Self.linkPath(link), expiresAt: link.expiresAt, at: now, on: conn)
            }
            return link
        }
    }

    /// The page a link opens, under the public address: `/account/invitation/SECRET` or `/account/reset/SECRET`.
    public static func linkPath(_ link: IssuedLink) -> String {
        (link.purpose == .invitation ? "/account/invitation/" : "/account/reset/") + link.raw
    }

    /// Uses a password-reset link: sets the new password and ends every session of the account.
    public func completePasswordReset(_ secret: String, password: String) async throws -> Int64 {
        try await usePasswordLink(secret, purpose: .passwordReset, password: password, signIn: nil).accountID
    }

    /// The same, and opens one new session from `address` (after ending all the others).
    public func completePasswordReset(_ secret: String, password: String, signingInFrom address: String?) async throws -> Login {
        try await usePasswordLink(secret, purpose: .passwordReset, password: password, signIn: .init(address: address)).login!
    }

    private struct SignIn {
        let address: String?
    }

    private func usePasswordLink(
        _ secret: String, purpose: AccountLinkPurpose, password: String, signIn: SignIn?
    ) async throws -> (accountID: Int64, login: Login?) {
        let now = time.now()
        // Whose link it is: to check the password against their e-mail and to sign the audit log as them.
        let owner = try await pool.withConnection { [accounts] conn -> Account? in
            try accounts.linkOwner(secret, purpose: purpose, on: conn).flatMap { try accounts.get($0, on: conn) }
        }
        guard let owner else { throw AccountRefusal.linkInvalid }
        if let problem = PasswordPolicy.problem(with: password, email: owner.email) { throw AccountRefusal.weakPassword(problem) }
        let hash = await Self.offload { [cost = policy.bcryptCost] in Bcrypt.hash(password, cost: cost) }
        return try await pool.withTransaction { [accounts, sessions] conn in
            try AuditActor.set(actor: Self.signature(owner), accountID: owner.id, on: conn)
            guard let accountID = try accounts.consumeLink(secret, purpose: purpose, at: now, on: conn), accountID == owner.id else {
                throw AccountRefusal.linkInvalid
            }
            try accounts.setPassword(accountID, hash: hash, at: now, on: conn)
            try sessions.revokeAll(accountID: accountID, at: now, on: conn)
            try accounts.resetAttempts(key: Self.accountKey(owner.email), on: conn)
            guard let signIn else { return (accountID, nil) }
            let session = try sessions.create(
                accountID: accountID, at: now, expiresAt: now.addingTimeInterval(policy.sessionAbsolute), address: signIn.address, on: conn)
            guard let principal = try sessions.validate(session.raw, at: now, idle: policy.sessionIdle, on: conn) else {
                throw PQError(kind: .other, message: "session \(session.sessionID) not valid right after it was opened")
            }
            return (accountID, Login(session: session, principal: principal))
        }
    }

    // MARK: login and sessions

    /// A session just opened: `session.raw` goes into the cookie; `principal` is who it is.
    public struct Login: Sendable {
        public let session: NewSession
        public let principal: AccountPrincipal
    }

    /// Signs in with e-mail and password from `address` (the client's IP, or nil when unknown). Each attempt is
    /// counted per account and per address before the password is checked, in PostgreSQL, so parallel attempts on
    /// any number of servers never check more than the limits; a success gives its attempts back. Every failure
    /// looks the same (`invalid_credentials`) and takes the same bcrypt work, known address or not.
    public func login(email rawEmail: String, password: String, address: String?) async throws -> Login {
        let email = (try? Self.normalisedEmail(rawEmail)) ?? rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = time.now()
        let policy = policy
        let accountKey = Self.accountKey(email)
        let addressKey = address.map { "address:\($0)" }
        // Counted and committed before the password is looked at: a wrong guess stays counted.
        let refusedUntil = try await pool.withTransaction { [accounts] conn -> Date? in
            // Always address first, then account: every login takes the row locks in the same order.
            if let addressKey {
                let verdict = try accounts.claimAttempt(
                    key: addressKey, at: now, window: policy.throttleWindow,
                    limit: policy.attemptsPerAddress, on: conn)
                if !verdict.allowed { return verdict.windowEndsAt }
            }
            let verdict = try accounts.claimAttempt(
                key: accountKey, at: now, window: policy.throttleWindow,
                limit: policy.attemptsPerAccount, on: conn)
            return verdict.allowed ? nil : verdict.windowEndsAt
        }
        if let refusedUntil { throw AccountRefusal.tooManyAttempts(until: refusedUntil) }

        let stored = try await pool.withConnection { [accounts] conn in try accounts.credential(email: email, on: conn) }
        let usable = stored.flatMap { $0.account.disabledAt == nil ? $0.passwordHash : nil }
        let hash = usable ?? Self.dummyHash(cost: policy.bcryptCost)
        let matches = await Self.offload { Bcrypt.verify(password, hash: hash) }
        guard matches, usable != nil, let account = stored?.account else { throw AccountRefusal.invalidCredentials }

        return try await pool.withTransaction { [accounts, sessions] conn in
            try accounts.resetAttempts(key: accountKey, on: conn)
            if let addressKey { try accounts.releaseAttempt(key: addressKey, on: conn) }
            let session = try sessions.create(
                accountID: account.id, at: now, expiresAt: now.addingTimeInterval(policy.sessionAbsolute),
                address: address, on: conn)
            guard let principal = try sessions.validate(session.raw, at: now, idle: policy.sessionIdle, on: conn) else {
                throw PQError(kind: .other, message: "session \(session.sessionID) not valid right after login")
            }
            return Login(session: session, principal: principal)
        }
    }

    /// Whose the session is, sliding its idle expiry forward; nil when it is unknown, logged out, idle too long,
    /// past its absolute expiry, or its account is disabled. Memberships are read afresh every time.
    public func validate(session secret: String) async throws -> AccountPrincipal? {
        let now = time.now()
        let idle = policy.sessionIdle
        return try await pool.withTransaction { [sessions] conn in try sessions.validate(secret, at: now, idle: idle, on: conn) }
    }

    /// Ends this session; false when it had ended already.
    @discardableResult
    public func logout(session secret: String) async throws -> Bool {
        let now = time.now()
        return try await pool.withTransaction { [sessions] conn in try sessions.revoke(secret, at: now, on: conn) }
    }

    /// Ends every session of the principal's account (this one included); how many were open.
    @discardableResult
    public func logoutEverywhere(_ principal: AccountPrincipal) async throws -> Int {
        let now = time.now()
        return try await pool.withTransaction { [sessions] conn in try sessions.revokeAll(accountID: principal.accountID, at: now, on: conn) }
    }

    /// Housekeeping for a periodic task: deletes sessions that ended (expired or logged out) and throttle counters
    /// whose window ended, before now. Returns how many of each. Idle-expired sessions are left until their absolute
    /// expiry passes (they no longer validate either way).
    @discardableResult
    public func purgeEnded() async throws -> (sessions: Int, counters: Int) {
        let now = time.now()
        let window = policy.throttleWindow
        return try await pool.withTransaction { [accounts, sessions] conn in
            (try sessions.purge(endedBefore: now, on: conn), try accounts.purgeAttempts(windowEndedBefore: now, window: window, on: conn))
        }
    }

    /// The server's housekeeping: `purgeEnded()` at once and then every `interval`, until the task is cancelled. A
    /// round that fails (the database away) is reported and the next one tries again.
    public func purgeEndedPeriodically(
        every interval: Duration, report: @Sendable (Result<(sessions: Int, counters: Int), any Error>) -> Void
    ) async {
        while !Task.isCancelled {
            do {
                report(.success(try await purgeEnded()))
            } catch {
                report(.failure(error))
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    // MARK: helpers

    /// Trimmed and lower-cased; one "@" with something on each side, no spaces, at most 254 characters.
    public static func normalisedEmail(_ raw: String) throws -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 1, !email.contains(where: \.isWhitespace), email.count <= 254 else {
            throw RegistrationError(
                .validation, field: "email", ru: "«\(raw)» не похож на адрес электронной почты",
                en: "“\(raw)” is not an e-mail address")
        }
        return email
    }

    static func accountKey(_ email: String) -> String { "account:\(email)" }

    static func signature(_ account: Account) -> String { "account:\(account.id) \(account.displayName)" }

    static func accountNotFound(_ id: Int64) -> RegistrationError {
        RegistrationError(.notFound, field: "account", ru: "Учётная запись №\(id) не найдена", en: "Account \(id) not found")
    }

    static func mayInvite(_ caller: Caller, into organisation: OrganisationID?, as role: AccountRole) throws {
        if caller.role == .regionalAdmin { return }
        guard organisation != nil, organisation == caller.organisationID else {
            throw Refusals.one(
                RegistrationError(
                    .forbidden, field: "organisation", ru: "Приглашать можно только в свою организацию",
                    en: "You may invite people only into your own organisation"))
        }
        guard invitableRoles(caller).contains(role) else {
            throw Refusals.one(
                RegistrationError(
                    .forbidden, field: "role", ru: "Эту роль может выдать только региональный центр",
                    en: "Only the regional centre may give the role \(role.rawValue)"))
        }
    }

    /// bcrypt is hundreds of milliseconds of CPU: run it off the cooperative pool.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// A hash of nothing anyone knows, per cost, so a login for an unknown address costs as much as a real one.
    static func dummyHash(cost: UInt8) -> String {
        dummyLock.lock()
        defer { dummyLock.unlock() }
        if let hash = dummyHashes[cost] { return hash }
        let hash = Bcrypt.hash(Secret.dummy(), cost: cost)
        dummyHashes[cost] = hash
        return hash
    }

    nonisolated(unsafe) private static var dummyHashes: [UInt8: String] = [:]
    private static let dummyLock = NSLock()
}

private enum Secret {
    static func dummy() -> String { UUID().uuidString + UUID().uuidString }
}
