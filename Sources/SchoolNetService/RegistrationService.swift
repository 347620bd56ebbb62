import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Registration use cases: register, edit, withdraw, review and read applications; each is one transaction
/// that locks the event row before it checks anything (after the members' identity locks, for register and
/// edit), so every check sees what the write will be judged against.
/// Refusals are thrown as `RegistrationRefusal` (one or more domain errors); anything else is a fault.
public struct RegistrationService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let applications = ApplicationRepository()
    let people = PersonRepository()
    let outbox = OutboxRepository()

    /// A service over `pool`, reading "now" only from `time`.
    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// Registers a team or an individual; a repeated idempotency key with the same request returns the first application.
    public func register(_ raw: RegistrationRequest, by caller: Caller) async throws -> RegistrationOutcome {
        try authorize(.register, by: caller)
        let now = time.now()
        let request = try raw.normalised(today: LocalDate(now, in: RegistrationWindow.defaultTimeZone))
        try Self.checkMayRegister(request, caller)
        let canonical = try request.canonicalJSON()
        return try await transaction(caller) { conn in
            // What costs nothing is refused before any lock: a team too large waits for no other school.
            if let unlocked = try applications.event(request.eventID, lock: false, on: conn) {
                try RegistrationRefusal.throwIfAny(Self.lockFreeViolations(request.change, rules: unlocked.rules))
            }
            // the fingerprint needs no lock: computed before the event's row lock, not while holding it
            let incoming = try request.idempotencyKey.map { _ in try applications.requestHash(json: canonical, on: conn) }
            // identity buckets before the event row, the order every holder of both takes them in
            try lockIdentities(of: request.change, organisation: request.organisationID, on: conn)
            guard let event = try applications.event(request.eventID, lock: true, on: conn) else {
                throw Refusals.eventNotFound(request.eventID)
            }
            var hash: [UInt8]?
            if let key = request.idempotencyKey, let incoming {
                if let first = try applications.idempotent(organisation: request.organisationID, key: key, on: conn) {
                    _ = try Refusals.lift { () throws(RegistrationError) in
                        try EntryChecks.checkIdempotency(
                            storedFingerprint: Self.hex(first.requestHash), incomingFingerprint: Self.hex(incoming))
                    }
                    guard let application = try applications.get(first.id, on: conn) else { throw Refusals.applicationNotFound(first.id) }
                    return RegistrationOutcome(application: application, replayed: true)
                }
                hash = incoming
            }
            guard let organisation = try applications.organisation(request.organisationID, memberOn: event.startsOn, on: conn) else {
                throw Refusals.organisationNotFound(request.organisationID)
            }
            let change = request.change
            let entrants = try check(change, event: event, organisation: organisation, editing: nil, at: now, on: conn)
            let details = ApplicationDetails(
                teamName: change.teamName, nominationID: change.nominationID, responsible: change.responsible, headcount: change.headcount)
            let id = try applications.insert(
                NewApplication(
                    eventID: event.id, organisationID: organisation.id, details: details, submittedBy: caller.signature,
                    submittedByTokenID: caller.tokenID, submittedByAccountID: caller.accountID, idempotencyKey: request.idempotencyKey, requestHash: hash,
                    at: now
                ), on: conn)
            try writePeople(entrants, change, application: id, event: event, organisation: organisation, caller: caller, at: now, on: conn)
            // A year's history loaded after the fact tells nobody anything.
            if !request.change.historicalImport { try outbox.enqueue(.applicationSubmitted, applications: [id], at: now, on: conn) }
            guard let application = try applications.get(id, on: conn) else { throw Refusals.applicationNotFound(id) }
            return RegistrationOutcome(application: application, replayed: false)
        }
    }

    /// Runs `body` in one READ COMMITTED transaction with the audit actor set; a constraint the checks should
    /// have caught (a writer that skipped the event lock) becomes the refusal the check would have given.
    func transaction<T: Sendable>(_ caller: Caller, readOnly: Bool = false, _ body: @escaping @Sendable (PQConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withTransaction(isolation: .readCommitted, readOnly: readOnly, retries: 3, timeouts: UseCaseTimeouts.registration) { conn in
                if !readOnly { try AuditActor.set(caller, on: conn) }
                return try body(conn)
            }
        } catch let error as PQError {
            if let refusal = ConstraintRefusal.refusal(for: error) { throw refusal }
            throw error
        }
    }

    /// What a caller asks to do with applications, as far as its role decides it.
    public enum UseCase: Sendable {
        /// Apply (schools for themselves, the regional centre for anyone).
        case register
        /// Edit or withdraw an application (its school, the regional centre).
        case change
        /// Accept or reject (the event's organiser, the regional centre).
        case review

        public var roles: [ActorRole] {
            switch self {
            case .register, .change: [.school, .regionalAdmin]
            case .review: [.organiser, .regionalAdmin]
            }
        }
    }

    /// `forbidden` unless the caller's role may do `useCase` at all. The use cases check it first; a route may ask
    /// before it reads a request body. Whose application or event it is, each use case decides on its own.
    public func authorize(_ useCase: UseCase, by caller: Caller) throws {
        if useCase == .register, caller.role == .organiser { throw Refusals.onlySchoolsRegister }
        try caller.require(useCase.roles)
    }

    static func checkMayRegister(_ request: RegistrationRequest, _ caller: Caller) throws(RegistrationRefusal) {
        switch caller.role {
        case .regionalAdmin:
            return
        case .organiser:
            throw Refusals.onlySchoolsRegister
        case .school:
            if request.change.historicalImport { throw Refusals.historicalImportAdminOnly }
            if caller.organisationID != request.organisationID { throw Refusals.registerForOthers }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
