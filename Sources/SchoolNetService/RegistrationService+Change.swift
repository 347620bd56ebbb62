import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

extension RegistrationService {
    /// Replaces what the school may change (members, nomination, team name, responsible, entries), re-checking every rule.
    public func edit(_ id: ApplicationID, _ raw: ApplicationChange, by caller: Caller) async throws -> Application {
        try authorize(.change, by: caller)
        let now = time.now()
        let change = try raw.normalised(today: LocalDate(now, in: RegistrationWindow.defaultTimeZone))
        if change.historicalImport, caller.role != .regionalAdmin { throw Refusals.historicalImportAdminOnly }
        return try await transaction(caller) { conn in
            // What costs nothing is refused before any lock (as register does): a team too large waits for no
            // other school. Read without locks, and only for a caller who may see the application (no oracle).
            // Then the members' identity locks, before the event row as in register; the application's organisation,
            // whose people check looks up, never changes (application_identity_fixed, migration 0009).
            if let eventID = try applications.eventID(of: id, on: conn),
                let unlocked = try applications.event(eventID, lock: false, on: conn),
                let current = try applications.get(id, on: conn),
                Self.maySee(current, organiser: unlocked.organiserID, caller)
            {
                try RegistrationRefusal.throwIfAny(Self.lockFreeViolations(change, rules: unlocked.rules))
                try lockIdentities(of: change, organisation: current.organisationID, on: conn)
            }
            let (event, application) = try lockVisible(id, by: caller, on: conn)
            var window = event.rules.window
            if change.historicalImport { window.closesOn = LocalDate(year: 9000, month: 1, day: 1)! }
            try Refusals.lift { () throws(RegistrationError) in
                try RegistrationCheck.checkEdit(status: application.status, by: caller.role, window: window, at: now)
            }
            guard let organisation = try applications.organisation(application.organisationID, memberOn: event.startsOn, on: conn) else {
                throw Refusals.organisationNotFound(application.organisationID)
            }
            let members = try check(change, event: event, organisation: organisation, editing: id, at: now, on: conn)
            try applications.update(
                id,
                details: ApplicationDetails(
                    teamName: change.teamName, nominationID: change.nominationID, responsible: change.responsible, headcount: change.headcount
                ), at: now, on: conn)
            try writePeople(members, change, application: id, event: event, organisation: organisation, caller: caller, at: now, on: conn)
            if !change.historicalImport { try outbox.enqueue(.applicationEdited, applications: [id], at: now, on: conn) }
            return try reload(id, on: conn)
        }
    }

    /// Withdraws the application before the deadline; its place (and its members) are free at once.
    public func withdraw(_ id: ApplicationID, reason: String? = nil, by caller: Caller) async throws -> Application {
        try authorize(.change, by: caller)
        let now = time.now()
        let reason = ApplicationChange.tidy(reason)
        return try await transaction(caller) { conn in
            let (event, application) = try lockVisible(id, by: caller, on: conn)
            let next = try Refusals.lift { () throws(RegistrationError) in
                try RegistrationCheck.checkWithdraw(status: application.status, by: caller.role, window: event.rules.window, at: now)
            }
            try applications.setStatus(id, next, reason: reason, at: now, on: conn)
            if let kind = NotificationKind.statusChange(to: next) { try outbox.enqueue(kind, applications: [id], at: now, on: conn) }
            return try reload(id, on: conn)
        }
    }

    /// The organiser's (or admin's) accept or reject, following the domain's status machine; a rejection needs a reason.
    public func review(_ id: ApplicationID, decision: ReviewDecision, by caller: Caller) async throws -> Application {
        try authorize(.review, by: caller)
        let now = time.now()
        let (action, reason): (ApplicationStatus.Action, String?) =
            switch decision {
            case .accept: (.accept, nil)
            case .reject(let reason): (.reject, ApplicationChange.tidy(reason))
            }
        return try await transaction(caller) { conn in
            let (_, application) = try lockVisible(id, by: caller, on: conn)
            let next = try Refusals.lift { () throws(RegistrationError) in
                try application.status.applying(action, by: caller.role, reason: reason)
            }
            try applications.setStatus(id, next, reason: reason, at: now, on: conn)
            if let kind = NotificationKind.statusChange(to: next) { try outbox.enqueue(kind, applications: [id], at: now, on: conn) }
            return try reload(id, on: conn)
        }
    }

    /// Locks the application's event, then the application; not_found unless the caller may see it.
    func lockVisible(_ id: ApplicationID, by caller: Caller, on conn: PQConnection) throws -> (RegistrationEvent, Application) {
        // Event before application, always (after the members' identity locks where there are any): the order every
        // registration change takes its locks in.
        guard let eventID = try applications.eventID(of: id, on: conn),
            let event = try applications.event(eventID, lock: true, on: conn),
            let application = try applications.get(id, lock: true, on: conn),
            Self.maySee(application, organiser: event.organiserID, caller)
        else {
            throw Refusals.applicationNotFound(id)
        }
        return (event, application)
    }

    func reload(_ id: ApplicationID, on conn: PQConnection) throws -> Application {
        guard let application = try applications.get(id, on: conn) else { throw Refusals.applicationNotFound(id) }
        return application
    }

    /// A school sees its own applications, an organiser those to its events, the regional centre all.
    static func maySee(_ application: Application, organiser: OrganisationID, _ caller: Caller) -> Bool {
        switch caller.role {
        case .regionalAdmin: true
        case .school: caller.organisationID == application.organisationID
        case .organiser: caller.organisationID == organiser
        }
    }
}
