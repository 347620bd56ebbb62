import Foundation
import SchoolNetDomain
import SchoolNetStore

extension EventAdminService {
    /// Records (or replaces, or with a nil award removes) one result while results are a draft.
    public func recordResult(_ line: ResultInput, event: EventID, by caller: Caller) async throws -> ResultsWritten {
        try await writeResults([line], event: event, change: .record, fieldPrefix: nil, by: caller)
    }

    /// Records a whole list in one transaction, all or nothing; every bad line is named as `rows[i]`.
    public func recordResults(_ lines: [ResultInput], event: EventID, by caller: Caller) async throws -> ResultsWritten {
        try await writeResults(lines, event: event, change: .record, fieldPrefix: "rows", by: caller)
    }

    /// Changes results after publication (or before): the same checks, plus a reason the audit log keeps with each change.
    public func correctResults(_ lines: [ResultInput], reason: String, event: EventID, by caller: Caller) async throws -> ResultsWritten {
        try await writeResults(lines, event: event, change: .correction(reason: reason), fieldPrefix: "rows", by: caller)
    }

    /// One correction; see `correctResults`.
    public func correctResult(_ line: ResultInput, reason: String, event: EventID, by caller: Caller) async throws -> ResultsWritten {
        try await writeResults([line], event: event, change: .correction(reason: reason), fieldPrefix: nil, by: caller)
    }

    /// Publishes the results; from then on they change only by correction. Publishing again keeps the first instant.
    public func publishResults(event: EventID, by caller: Caller) async throws -> Date {
        try await write(event, by: caller) { [events, outbox] conn, locked, now in
            if let publishedAt = locked.resultsPublishedAt { return publishedAt }
            try events.setResultsPublished(event, at: now, updatedAt: now, on: conn)
            try outbox.enqueue(.resultsPublished, acceptedIn: event, at: now, on: conn)
            return now
        }
    }

    private func writeResults(
        _ lines: [ResultInput], event: EventID, change: ResultChange, fieldPrefix: String?, by caller: Caller
    ) async throws -> ResultsWritten {
        try await write(event, by: caller) { [stages, competitors, results, outbox] conn, locked, now in
            // Whether results may be written at all, asked once rather than per line.
            try RegistrationRefusal.throwIfAny(
                ResultRules.checkRecord(
                    award: .certificate, entrant: "", reachedFinal: true, absoluteWinner: nil,
                    results: locked.resultsPublished ? .published : .draft, change: change))
            guard !lines.isEmpty else { throw RegistrationError.emptyList(field: fieldPrefix ?? "rows") }

            let final = StageRules.finalStage(of: try stages.stages(of: event, on: conn))
            let nominations = try results.nominations(of: event, on: conn)
            let stored = try results.stored(in: event, on: conn)
            var recorded: [ResultKey: StoredResult] = [:]
            for result in stored where result.entryID == nil {
                recorded[ResultKey(result.applicationID, result.nominationID)] = result
            }
            let keys = Set(lines.map { ResultKey($0.applicationID, $0.nominationID) })
            // The absolute winner already recorded, unless this very list rewrites that line.
            let holder = stored.first { $0.award == .absoluteWinner && !($0.entryID == nil && keys.contains(ResultKey($0.applicationID, $0.nominationID))) }
            let found = try competitors.competitors(lines.map(\.applicationID) + (holder.map { [$0.applicationID] } ?? []), in: event, on: conn)
            var winner = holder.map { found[$0.applicationID]?.displayName ?? "заявка №\($0.applicationID.rawValue)" }

            var errors: [RegistrationError] = []
            var plan: [(line: ResultInput, award: Award?, existing: StoredResult?)] = []
            var seen: [ResultKey: Int] = [:]
            for (i, line) in lines.enumerated() {
                var refusals: [RegistrationError] = []
                let key = ResultKey(line.applicationID, line.nominationID)
                if let earlier = seen[key] {
                    refusals.append(RegistrationError.duplicateResultRow(row: i, earlier: earlier, field: "applicationId"))
                } else {
                    seen[key] = i
                }
                var award: Award?
                if let code = line.award {
                    do throws(RegistrationError) { award = try ResultRules.award(code: code, title: line.title) } catch { refusals.append(error) }
                }
                if let nomination = line.nominationID, nominations[nomination] == nil {
                    refusals.append(RegistrationError.nominationNotInEvent(nomination))
                }
                if let competitor = found[line.applicationID] {
                    if line.award == nil {
                        if recorded[key] == nil { refusals.append(RegistrationError.resultNotFound(entrant: competitor.displayName)) }
                    } else if let award {
                        if competitor.status != .accepted {
                            refusals.append(RegistrationError.notAcceptedForResult(entrant: competitor.displayName, status: competitor.status))
                        }
                        let reachedFinal = final.map { competitor.stages.contains($0.id) } ?? true
                        refusals += ResultRules.checkRecord(
                            award: award, entrant: competitor.displayName, reachedFinal: reachedFinal,
                            absoluteWinner: award == .absoluteWinner ? winner : nil, results: .draft)
                        if award == .absoluteWinner, refusals.isEmpty { winner = competitor.displayName }
                    }
                } else {
                    refusals.append(RegistrationError.applicationNotFound(line.applicationID))
                }
                errors += refusals.map { error in fieldPrefix.map { error.nested(under: "\($0)[\(i)]") } ?? error }
                plan.append((line, award, recorded[key]))
            }
            try RegistrationRefusal.throwIfAny(errors)

            // Lines that take the absolute winner's award away go first: the unique index is checked row by row.
            let ordered = plan.filter { $0.existing?.award == .absoluteWinner } + plan.filter { $0.existing?.award != .absoluteWinner }
            var written = ResultsWritten()
            var touched: [ApplicationID] = []
            for step in ordered {
                let id: ResultID
                switch (step.existing, step.award) {
                case (let existing?, let award?) where existing.award == award:
                    written.unchanged += 1
                    continue
                case (let existing?, let award?):
                    try results.update(existing.id, award: award, at: now, tokenID: caller.tokenID, on: conn)
                    written.changed += 1
                    id = existing.id
                case (let existing?, nil):
                    try results.delete(existing.id, on: conn)
                    written.removed += 1
                    id = existing.id
                case (nil, let award?):
                    id = try results.insert(
                        event: event, application: step.line.applicationID, nomination: step.line.nominationID,
                        award: award, at: now, tokenID: caller.tokenID, on: conn)
                    written.created += 1
                case (nil, nil):
                    continue  // refused above
                }
                if case .correction(let reason) = change {
                    try results.logCorrection(
                        id, application: step.line.applicationID, nomination: step.line.nominationID,
                        before: step.existing?.award, after: step.award, reason: reason, at: now, on: conn)
                }
                touched.append(step.line.applicationID)
            }
            // Draft results reach nobody; a change to published ones is told to each application it touched, once.
            if locked.resultsPublished, case .correction(let reason) = change {
                try outbox.enqueue(.resultCorrected, applications: touched, extra: ["correctionReason": reason], at: now, on: conn)
            }
            return written
        }
    }
}

/// A result's place: one per application per nomination (nil nomination: the event as a whole).
struct ResultKey: Hashable {
    var application: ApplicationID
    var nomination: NominationID?
    init(_ application: ApplicationID, _ nomination: NominationID?) {
        self.application = application
        self.nomination = nomination
    }
}
