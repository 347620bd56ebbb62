import Foundation
import SchoolNetDomain

extension EventAdminService {
    /// Assigns a teacher to judge the event, one nomination of it (nil: all) or one stage; assigning again returns the
    /// existing assignment. Refused with `juror_conflict` when the juror's own organisation competes in what they judge.
    /// An organiser may name only people it may already know (`JuryRepository.candidate(knownTo:)`); anyone else is
    /// `not_found` with no name, so a person id never reveals who it is. The regional centre may name anyone.
    public func assignJuror(
        _ person: PersonID, event: EventID, nomination: NominationID? = nil, stage: StageID? = nil,
        role: JuryAssignment.Role = .member, by caller: Caller
    ) async throws -> JuryAssignment {
        try await write(event, by: caller) { [jury, results, stages] conn, locked, now in
            let knownTo = caller.role == .regionalAdmin ? nil : locked.organiserID
            guard let juror = try jury.candidate(person, for: event, knownTo: knownTo, on: conn) else {
                throw RegistrationError.personNotFound(person)
            }
            guard juror.kind == "teacher" || juror.kind == "student" else { throw RegistrationError.jurorNotStaff(juror.name.short) }
            let nominations = try results.nominations(of: event, on: conn)
            if let nomination, nominations[nomination] == nil { throw RegistrationError.nominationNotInEvent(nomination) }
            if let stage, !(try stages.stages(of: event, on: conn)).contains(where: { $0.id == stage }) {
                throw RegistrationError.stageNotFound(stage)
            }
            if let existing = try jury.find(event: event, person: person, nomination: nomination, stage: stage, on: conn) {
                return existing
            }
            let competing = try jury.competingOrganisations(in: event, nomination: nomination, on: conn)
            let judged = nomination.flatMap { nominations[$0] } ?? "все номинации"
            let conflicts = juror.organisations.sorted(by: { $0.key < $1.key }).compactMap { id, name in
                JurorRules.checkAssignment(
                    juror: juror.name, jurorOrganisation: id, organisationName: name,
                    nomination: judged, competingOrganisations: competing)
            }
            try RegistrationRefusal.throwIfAny(conflicts)
            return try jury.insert(event: event, person: person, nomination: nomination, stage: stage, role: role, at: now, on: conn)
        }
    }

    /// Removes a juror's assignment to this event.
    public func unassignJuror(_ assignment: JuryAssignmentID, event: EventID, by caller: Caller) async throws {
        try await write(event, by: caller) { [jury] conn, _, _ in
            guard try jury.delete(assignment, event: event, on: conn) else { throw RegistrationError.assignmentNotFound(assignment) }
        }
    }

    /// The event's jurors, for its organiser.
    public func jurors(event: EventID, by caller: Caller) async throws -> [JuryAssignment] {
        try await read(event, by: caller) { [jury] conn, _ in try jury.list(event, on: conn) }
    }
}
