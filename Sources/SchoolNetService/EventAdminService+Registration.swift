import Foundation
import SchoolNetDomain

extension EventAdminService {
    /// Opens registration now: earlier than announced, or again after an early close; never after the deadline.
    public func openRegistration(event: EventID, as actor: Actor) async throws -> RegistrationState {
        try await write(event, as: actor) { [events] conn, control, now in
            if let closesAt = control.registrationClosesAt, now >= closesAt { throw RegistrationError.registrationEnded() }
            var opensAt = control.registrationOpensAt ?? now
            if opensAt > now { opensAt = now }
            if opensAt != control.registrationOpensAt || control.closedEarlyAt != nil {
                try events.setRegistration(event, opensAt: opensAt, closedEarlyAt: nil, now: now, on: conn)
            }
            return RegistrationState(opensAt: opensAt, closesAt: control.registrationClosesAt, closedEarlyAt: nil, now: now)
        }
    }

    /// Closes registration now, before the deadline; closing a closed registration keeps the first closing time.
    public func closeRegistration(event: EventID, as actor: Actor) async throws -> RegistrationState {
        try await write(event, as: actor) { [events] conn, control, now in
            if let closesAt = control.registrationClosesAt, now >= closesAt { throw RegistrationError.registrationEnded() }
            guard let opensAt = control.registrationOpensAt, opensAt <= now else {
                throw RegistrationError.registrationNotOpenYet()
            }
            let closedAt = control.closedEarlyAt ?? now
            if control.closedEarlyAt == nil {
                try events.setRegistration(event, opensAt: opensAt, closedEarlyAt: closedAt, now: now, on: conn)
            }
            return RegistrationState(opensAt: opensAt, closesAt: control.registrationClosesAt, closedEarlyAt: closedAt, now: now)
        }
    }
}
