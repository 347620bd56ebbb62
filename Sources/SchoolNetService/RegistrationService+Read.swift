import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

extension RegistrationService {
    /// One application with its members, entries and the responsible teacher's contact; not_found unless the caller may see it.
    public func application(_ id: ApplicationID, by caller: Caller) async throws -> Application {
        try await transaction(caller, readOnly: true) { conn in
            guard let application = try applications.get(id, on: conn),
                let event = try applications.event(application.eventID, lock: false, on: conn),
                Self.maySee(application, organiser: event.organiserID, caller)
            else {
                throw Refusals.applicationNotFound(id)
            }
            return application
        }
    }

    /// Applications the caller may see, optionally of one event and/or one applying organisation, oldest first;
    /// a page of them with `after` (the last id of the previous page) and `limit` (nil: all).
    public func applications(
        eventID: EventID? = nil, organisationID: OrganisationID? = nil, after: ApplicationID? = nil, limit: Int? = nil,
        by caller: Caller
    ) async throws -> [Application] {
        var applicant = organisationID
        var organiser: OrganisationID?
        switch caller.role {
        case .regionalAdmin:
            break
        case .school:
            if let organisationID, organisationID != caller.organisationID { throw Refusals.otherOrganisationsApplications }
            applicant = caller.organisationID
        case .organiser:
            organiser = caller.organisationID
        }
        // A token without an organisation sees nothing rather than everything.
        if caller.role != .regionalAdmin, caller.organisationID == nil { return [] }
        return try await transaction(caller, readOnly: true) { [applicant, organiser] conn in
            try applications.list(eventID: eventID, organisationID: applicant, organiserID: organiser, after: after, limit: limit, on: conn)
        }
    }
}
