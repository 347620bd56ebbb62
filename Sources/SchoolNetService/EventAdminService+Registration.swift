import Foundation
import SchoolNetDomain
import SchoolNetStore

extension EventAdminService {
    /// Opens registration now: earlier than announced, or again after an early close; never after the deadline.
    public func openRegistration(event: EventID, by caller: Caller) async throws -> RegistrationWindowState {
        try await write(event, by: caller) { [control] conn, locked, now in
            let window = locked.rules.window
            guard now < window.deadline else { throw RegistrationError.registrationEnded() }
            let opensAt = min(window.opensAt, now)
            if opensAt != window.opensAt || window.closedEarlyAt != nil {
                try control.openRegistration(event, at: opensAt, on: conn)
            }
            return RegistrationWindowState(opensAt: opensAt, closesAt: window.deadline, closedEarlyAt: nil, now: now)
        }
    }

    /// Closes registration now, before the deadline; closing a closed registration keeps the first closing time.
    public func closeRegistration(event: EventID, by caller: Caller) async throws -> RegistrationWindowState {
        try await write(event, by: caller) { [events] conn, locked, now in
            let window = locked.rules.window
            guard now < window.deadline else { throw RegistrationError.registrationEnded() }
            guard window.opensAt <= now else { throw RegistrationError.registrationNotOpenYet() }
            let closedAt = window.closedEarlyAt ?? now
            if window.closedEarlyAt == nil {
                try events.setClosedEarly(event, at: closedAt, on: conn)
                // the organiser is told with the count, in the close's own transaction (issue 15)
                try ScheduledMailRepository().enqueueRegistrationClosed(event: event, at: closedAt, on: conn)
            }
            return RegistrationWindowState(opensAt: window.opensAt, closesAt: window.deadline, closedEarlyAt: closedAt, now: now)
        }
    }
}
