import Foundation
import SchoolNetDomain

extension EventAdminService {
    /// Moves the chosen applications (or people's applications) into `stage`, all or none: each must be accepted and in
    /// the previous stage, and the stage's capacity must hold them all. Every refusal is listed, under `targets[i]`.
    /// Registering enters the first stage (its capacity is checked then), so active applications are already in it.
    public func advance(_ targets: [AdvanceTarget], into stage: StageID, event: EventID, by caller: Caller) async throws -> Advancement {
        try await write(event, by: caller) { [stages, competitors, outbox] conn, _, now in
            let all = try stages.stages(of: event, on: conn)
            guard let target = all.first(where: { $0.id == stage }) else { throw RegistrationError.stageNotFound(stage) }
            guard !targets.isEmpty else { throw RegistrationError.emptyList(field: "targets") }
            let previous = all.last(where: { $0.number < target.number })

            var errors: [RegistrationError] = []
            var ids: [(index: Int, id: ApplicationID)] = []
            for (i, t) in targets.enumerated() {
                switch t {
                case .application(let id):
                    ids.append((i, id))
                case .person(let person):
                    if let id = try competitors.activeApplication(of: person, in: event, on: conn) {
                        ids.append((i, id))
                    } else {
                        errors.append(RegistrationError.participantNotFound(person, field: "targets[\(i)].personId"))
                    }
                }
            }
            let found = try competitors.competitors(ids.map(\.id), in: event, on: conn)

            var seen: Set<ApplicationID> = []
            var moving: [ApplicationID] = []
            var already: [ApplicationID] = []
            // Status per entrant; capacity once for the whole list below.
            let uncapped = Stage(id: target.id, name: target.name, number: target.number, capacity: nil, isFinal: target.isFinal)
            for (i, id) in ids where seen.insert(id).inserted {
                let field = "targets[\(i)]"
                guard let competitor = found[id] else {
                    errors.append(RegistrationError.applicationNotFound(id, field: "\(field).applicationId"))
                    continue
                }
                if competitor.stages.contains(stage) {
                    already.append(id)
                    continue
                }
                var refusals = StageRules.checkAdvance(entrant: competitor.displayName, status: competitor.status, into: uncapped, stageTaken: 0)
                if let previous, !competitor.stages.contains(previous.id) {
                    refusals.append(RegistrationError.notInPreviousStage(entrant: competitor.displayName, stage: target.name, previous: previous.name))
                }
                errors += refusals.map { $0.nested(under: field) }
                moving.append(id)
            }
            let taken = try stages.count(in: stage, on: conn)
            if let full = Capacity.checkStage(named: target.name, taken: taken, requested: moving.count, limit: target.capacity) {
                errors.append(full)
            }
            try RegistrationRefusal.throwIfAny(errors)

            for id in moving {
                try stages.advance(id, into: stage, event: event, at: now, tokenID: caller.tokenID, on: conn)
            }
            try outbox.enqueue(.stageAdvanced, applications: moving, subject: "\(stage.rawValue)", extra: ["stage": target.name], at: now, on: conn)
            return Advancement(stageID: stage, advanced: moving, alreadyInStage: already, taken: taken + moving.count, capacity: target.capacity)
        }
    }
}

extension EventAdminService {
    /// Undoes advancements into `stage`, all or none: an application must be in it, in no later stage, and (in the
    /// final) without results. Returns the applications taken out.
    public func removeFromStage(_ applications: [ApplicationID], stage: StageID, event: EventID, by caller: Caller) async throws -> [ApplicationID] {
        try await write(event, by: caller) { [stages, competitors, results, outbox] conn, _, now in
            let all = try stages.stages(of: event, on: conn)
            guard let target = all.first(where: { $0.id == stage }) else { throw RegistrationError.stageNotFound(stage) }
            guard !applications.isEmpty else { throw RegistrationError.emptyList(field: "applications") }
            // The first stage is where registering puts an application: leaving it is rejecting or withdrawing.
            guard target.number != all.first?.number else { throw RegistrationError.firstStageIsRegistration(stage: target.name) }
            let later = Set(all.filter { $0.number > target.number }.map(\.id))
            let found = try competitors.competitors(applications, in: event, on: conn)
            let judged = target.isFinal ? Set(try results.stored(in: event, on: conn).map(\.applicationID)) : []
            var errors: [RegistrationError] = []
            for (i, id) in applications.enumerated() {
                let field = "applications[\(i)]"
                guard let competitor = found[id] else {
                    errors.append(RegistrationError.applicationNotFound(id, field: field))
                    continue
                }
                if !competitor.stages.contains(stage) {
                    errors.append(RegistrationError.notInStage(entrant: competitor.displayName, stage: target.name, field: field))
                } else if !competitor.stages.isDisjoint(with: later) {
                    errors.append(
                        RegistrationError.stageStillNeeded(
                            entrant: competitor.displayName, stage: target.name,
                            because: "заявка уже прошла в следующий этап", "it has already advanced further", field: field))
                } else if judged.contains(id) {
                    errors.append(
                        RegistrationError.stageStillNeeded(
                            entrant: competitor.displayName, stage: target.name,
                            because: "у заявки есть результаты; сначала уберите их", "it has results; remove them first", field: field))
                }
            }
            try RegistrationRefusal.throwIfAny(errors)
            var removed: [ApplicationID] = []
            for id in applications where try stages.remove(id, from: stage, on: conn) {
                removed.append(id)
            }
            try outbox.enqueue(.stageRemoved, applications: removed, subject: "\(stage.rawValue)", extra: ["stage": target.name], at: now, on: conn)
            return removed
        }
    }
}
