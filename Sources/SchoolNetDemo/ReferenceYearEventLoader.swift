import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// One event of the dataset: register, review, advance, judge, award and publish, through the services.
struct ReferenceYearEventLoader {
    let pool: PQPool
    let caller: Caller
    let event: ReferenceDataset.Event
    let stored: Event
    let applications: [PlannedApplication]
    let organisations: [String: OrganisationID]

    var zone: TimeZone { ReferenceYearLoader.zone }

    /// Returns (registered now, replayed).
    func load() async throws -> (Int, Int) {
        // Requests are dated a week before the event, decisions the day after it: the audit log reads as history.
        let submitted = FixedTime(stored.startsOn.adding(days: -7).startOfDay(in: zone).addingTimeInterval(12 * 3600))
        let decided = FixedTime(stored.endsOn.adding(days: 1).startOfDay(in: zone).addingTimeInterval(12 * 3600))
        let registration = RegistrationService(pool: pool, time: submitted)
        let admin = EventAdminService(pool: pool, time: decided)
        let (nominations, stages) = try await pool.withConnection { [stored] conn in
            (try EventRepository().nominations(stored.id, on: conn), try EventRepository().stages(stored.id, on: conn))
        }
        let nominationIDs = Dictionary(uniqueKeysWithValues: nominations.map { ($0.title, $0.id) })

        var registered = 0
        var replayed = 0
        var accepted: [(PlannedApplication, ApplicationID)] = []
        for plan in applications {
            guard let organisation = organisations[plan.organisation] else {
                throw ReferenceYearError("unknown organisation \(plan.organisation)")
            }
            let change = ApplicationChange(
                teamName: plan.teamName, nominationID: plan.nomination.flatMap { nominationIDs[$0] },
                responsible: ResponsibleTeacher(
                    name: plan.responsible.full, email: "\(plan.organisation.replacingOccurrences(of: "_", with: "-"))@schoolnet.example"),
                members: plan.members, headcount: plan.headcount,
                entries: plan.entries.map {
                    EntryRequest(
                        kind: $0.kind, title: $0.title, nominationID: $0.nomination.flatMap { nominationIDs[$0] },
                        headcount: $0.headcount, authors: $0.authors)
                },
                historicalImport: true)
            let request = RegistrationRequest(
                eventID: stored.id, organisationID: organisation, change: change, idempotencyKey: "reference-year/\(event.key)/\(plan.sequence)")
            let outcome: RegistrationOutcome
            do {
                outcome = try await registration.register(request, by: caller)
            } catch let refusal as RegistrationRefusal {
                throw ReferenceYearError(
                    "\(event.title), application \(plan.sequence) (\(plan.organisation)) refused: "
                        + refusal.errors.map(\.description).joined(separator: "; "))
            }
            if outcome.replayed { replayed += 1 } else { registered += 1 }
            var status = outcome.application.status
            if status == .submitted {
                let decision: ReviewDecision = plan.rejection.map { .reject(reason: $0) } ?? .accept
                status = try await registration.review(outcome.application.id, decision: decision, by: caller).status
            }
            if status == .accepted { accepted.append((plan, outcome.application.id)) }
        }

        // Stages: the first `count` accepted applications, in registration order.
        var reachedFinal = accepted
        for step in event.advance ?? [] {
            guard let stage = stages.first(where: { $0.position == step.stage }) else {
                throw ReferenceYearError("\(event.title): no stage \(step.stage)")
            }
            let moving = Array(accepted.prefix(step.count))
            _ = try await admin.advance(moving.map { .application($0.1) }, into: stage.id, event: stored.id, by: caller)
            if step.stage == stages.map(\.position).max() { reachedFinal = moving }
        }
        if !stages.isEmpty, !(event.advance ?? []).contains(where: { $0.stage == stages.map(\.position).max() }) {
            reachedFinal = []
        }

        let lines = try results(reachedFinal, nominationIDs: nominationIDs)
        if !lines.isEmpty {
            _ = try await admin.recordResults(lines, event: stored.id, by: caller)
        }
        try await jury(admin)
        if !lines.isEmpty { _ = try await admin.publishResults(event: stored.id, by: caller) }
        return (registered, replayed)
    }

    /// The groups' own awards first, then the event's awards to the next applications in order.
    private func results(_ finalists: [(PlannedApplication, ApplicationID)], nominationIDs: [String: NominationID]) throws -> [ResultInput] {
        var lines: [ResultInput] = []
        var awarded: Set<ApplicationID> = []
        for (plan, id) in finalists {
            for award in plan.awards {
                lines.append(ResultInput(applicationID: id, nominationID: plan.nomination.flatMap { nominationIDs[$0] }, award: award))
                awarded.insert(id)
            }
        }
        var cursor = 0
        for group in event.results ?? [] {
            if group.restart == true { cursor = 0 }
            var given = 0
            while given < group.count {
                guard cursor < finalists.count else {
                    throw ReferenceYearError("\(event.title): not enough finalists for \(group.count) × \(group.award)")
                }
                let (plan, id) = finalists[cursor]
                cursor += 1
                if group.restart != true, awarded.contains(id) { continue }
                let nomination = group.nomination ?? plan.nomination
                lines.append(
                    ResultInput(
                        applicationID: id, nominationID: nomination.flatMap { nominationIDs[$0] },
                        award: group.award, title: group.specialTitle))
                awarded.insert(id)
                given += 1
            }
        }
        return lines
    }

    /// Expert jurors: teachers of the named schools, created (or found) and assigned to the whole event.
    private func jury(_ admin: EventAdminService) async throws {
        for group in event.jury ?? [] {
            guard let organisation = organisations[group.organisation] else {
                throw ReferenceYearError("unknown organisation \(group.organisation)")
            }
            for n in 0..<group.count {
                let seed = "\(event.key)/jury/\(group.organisation)/\(n)"
                let person = try await pool.withTransaction { [caller] conn in
                    try AuditActor.set(actor: caller.displayName, tokenID: nil, on: conn)
                    let people = PersonRepository()
                    let person = try people.matchOrCreate(
                        NewPerson(
                            kind: .teacher, name: SyntheticNames.name(seed),
                            birthDate: SyntheticNames.adultBirthDate(firstYear: 1965, years: 30, seed: seed),
                            organisationID: organisation), organisationID: organisation, on: conn
                    ).value
                    try people.setRole(TeacherRole(personID: person.id, organisationID: organisation, role: .expert), on: conn)
                    return person.id
                }
                _ = try await admin.assignJuror(person, event: stored.id, by: caller)
            }
        }
    }
}
