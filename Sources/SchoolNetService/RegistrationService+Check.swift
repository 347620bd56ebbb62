import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// A member as checked: the entrant the rules saw and the registry match it came from, if any.
struct CheckedMember: Sendable {
    var request: MemberRequest
    var entrant: Entrant
    var match: PersonRepository.Known?
}

extension RegistrationService {
    /// The rules that need nothing but the request and the event's rules (the team's size, a headcount where
    /// none is allowed): checked before the event lock and the identity locks are taken.
    static func lockFreeViolations(_ change: ApplicationChange, rules: EventRules) -> [RegistrationError] {
        let entrants = change.members.map {
            Entrant(personID: nil, name: name($0), kind: $0.kind, role: $0.role, birthDate: $0.birthDate, grade: $0.grade, hasConsent: $0.consent)
        }
        let size: Set<ErrorCode> = [.teamTooSmall, .teamTooLarge]
        let errors = rules.team.violations(for: entrants, teamName: change.teamName).filter { size.contains($0.code) }
        return HeadcountRules.adjust(errors, members: entrants, headcount: change.headcount, team: rules.team, teamName: change.teamName)
    }

    /// A pupil's grade that contradicts the one on record for the event's school year: refused, naming both.
    static func gradeConflicts(_ members: [CheckedMember], schoolYear: SchoolYear) -> [RegistrationError] {
        members.enumerated().compactMap { index, member in
            guard let asked = member.request.grade, let recorded = member.match?.grade, asked != recorded else { return nil }
            return gradeConflict(member.entrant.name, asked: asked, recorded: recorded, schoolYear: schoolYear, field: "members[\(index)].grade")
        }
    }

    static func gradeConflict(_ name: PersonName, asked: Int, recorded: Int, schoolYear: SchoolYear, field: String) -> RegistrationError {
        RegistrationError(
            .gradeConflict, field: field,
            ru: "\(name.short): указан \(asked) класс, а в \(schoolYear.label) учебном году записан \(recorded); "
                + "если запись неверна, её исправляет организатор или школа (people correct-grade)",
            en: "\(name.short): grade \(asked) given, but grade \(recorded) is on record for \(schoolYear.label); "
                + "an organiser or the school corrects the record explicitly (people correct-grade)")
    }

    /// Takes the identity locks of `change`'s members at `organisation`, the one whose people `check` looks up.
    /// Callers take them before the event's row lock: every holder of both takes identity buckets first, so a
    /// registration waiting for a bucket (held by an import's batch, say) holds no event row meanwhile, and the
    /// other registrations of its event go on (docs/DESIGN.md item 28).
    func lockIdentities(of change: ApplicationChange, organisation: OrganisationID, on conn: PQConnection) throws {
        try people.lockIdentities(change.members.map { (Self.name($0), $0.birthDate) }, organisation: organisation, on: conn)
    }

    /// Every rule for a new or edited application, against the facts read under the event's lock; throws all refusals.
    /// The caller holds the members' identity locks (`lockIdentities(of:organisation:on:)`), so a miss here may create the person.
    func check(
        _ change: ApplicationChange, event: RegistrationEvent, organisation: RegistrationOrganisation,
        editing: ApplicationID?, at now: Date, on conn: PQConnection
    ) throws -> [CheckedMember] {
        var rules = event.rules
        if change.historicalImport {
            // Loading a past year: the window alone is lifted.
            rules.window = RegistrationWindow(
                opensAt: .distantPast, closesOn: LocalDate(year: 9000, month: 1, day: 1)!, timeZone: rules.window.timeZone)
        } else if editing == nil, !event.registrationScheduled {
            throw Refusals.registrationNotScheduled
        }

        let members = try change.members.map { member in
            let match = try people.identify(
                Self.name(member), birthDate: member.birthDate, organisation: organisation.id,
                schoolYearID: event.schoolYearID, on: conn)
            let entrant = Entrant(
                personID: match?.id, name: Self.name(member), kind: member.kind, role: member.role,
                birthDate: member.birthDate, grade: member.grade ?? match?.grade,
                hasConsent: member.consent || match?.hasConsent == true)
            return CheckedMember(request: member, entrant: entrant, match: match)
        }

        let places = try applications.placesTaken(event: event.id, organisation: organisation.id, excluding: editing, on: conn)
        let entered = try applications.activeEntries(
            event: event.id, people: members.compactMap(\.match?.id), excluding: editing, on: conn)
        var context = RegistrationContext(
            eventID: event.id, organisationName: organisation.name, organisationIsMember: organisation.isMember,
            eventPlacesTaken: places.event, organisationPlacesTaken: places.organisation,
            existingEntries: Dictionary(uniqueKeysWithValues: entered.map { ("id:\($0.key.rawValue)", $0.value) })
        )
        if let nomination = change.nominationID {
            context.nominationEventID = try applications.nominationEvent(nomination, on: conn)
        }
        if let teamName = change.teamName {
            context.teamNameTakenBy = try applications.teamNameTakenBy(event: event.id, teamName: teamName, excluding: editing, on: conn)
        }

        let draft = ApplicationDraft(
            organisationID: organisation.id, nominationID: change.nominationID, teamName: change.teamName,
            members: members.map(\.entrant))
        var errors = RegistrationCheck.violations(
            of: draft, rules: rules, context: context, at: now, purpose: editing == nil ? .submit : .edit)
        errors += Self.gradeConflicts(members, schoolYear: event.schoolYear)
        // A closed window or a closed door is reported alone (as the domain does): nothing else would help.
        let alone: Set<ErrorCode> = [
            .registrationNotOpen, .registrationClosed, .registrationClosedEarly, .editAfterDeadline, .organisationNotAllowed
        ]
        if errors.count == 1, alone.contains(errors[0].code) { throw Refusals.one(errors[0]) }

        errors = HeadcountRules.adjust(errors, members: draft.members, headcount: change.headcount, team: rules.team, teamName: change.teamName)
        for (index, entry) in change.entries.enumerated() {
            guard let nomination = entry.nominationID else { continue }
            let owner = try applications.nominationEvent(nomination, on: conn)
            if let error = EntryChecks.checkNomination(nomination, belongsTo: owner, event: event.id) {
                errors.append(error.nested(under: "entries[\(index)]"))
            }
        }
        if let stage = event.firstStage,
            let error = Capacity.checkStage(named: stage.title, taken: places.event, limit: stage.capacity)
        {
            errors.append(error)
        }
        try RegistrationRefusal.throwIfAny(errors)
        return members
    }

    /// Creates the people the registry didn't know, records grades and consents, then sets members and entries.
    func writePeople(
        _ members: [CheckedMember], _ change: ApplicationChange, application: ApplicationID, event: RegistrationEvent,
        organisation: RegistrationOrganisation, caller: Caller, at now: Date, on conn: PQConnection
    ) throws {
        var ids: [PersonID] = []
        for member in members {
            let request = member.request
            let id =
                try member.match?.id
                ?? people.create(
                    NewPerson(kind: request.kind, name: member.entrant.name, birthDate: request.birthDate, organisationID: organisation.id),
                    at: now, on: conn
                ).id
            if let grade = request.grade, request.kind == .pupil || request.kind == .preschooler {
                // The check saw the record under the identity locks; a writer that got in between (a member named
                // by id, an import) is caught here: the grade on record is never overwritten by a registration.
                let recorded = try people.recordGrade(id, grade: grade, schoolYearID: event.schoolYearID, organisation: organisation.id, on: conn)
                if recorded != grade {
                    let index = ids.count  // this member's position
                    throw RegistrationRefusal([
                        Self.gradeConflict(
                            member.entrant.name, asked: grade, recorded: recorded, schoolYear: event.schoolYear, field: "members[\(index)].grade")
                    ])
                }
            }
            if request.consent, member.match?.hasConsent != true {
                try people.recordConsentUnlessInForce(
                    id, givenBy: "Заявление организации «\(organisation.name)»", recordedBy: caller.signature,
                    tokenID: caller.tokenID, at: now, on: conn)
            }
            ids.append(id)
        }
        try applications.replaceMembers(application, with: Array(zip(ids, members.map(\.request.role))), at: now, on: conn)
        let entries = change.entries.map {
            NewEntry(kind: $0.kind, title: $0.title, nominationID: $0.nominationID, headcount: $0.headcount, authors: $0.authors.map { ids[$0] })
        }
        try applications.replaceEntries(application, eventID: event.id, with: entries, at: now, on: conn)
    }

    static func name(_ member: MemberRequest) -> PersonName {
        PersonName(surname: member.lastName, givenName: member.firstName, patronymic: member.patronymic)
    }
}
