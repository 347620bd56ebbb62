import Foundation
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// What the catalogue and the event page show about an event, as the templates' dictionaries.
enum EventModels {
    /// Where registration stands at `now`, by the window's own checks: open, not open yet, closed (early or not).
    enum RegistrationState: String {
        case open, soon, closed

        init(_ window: RegistrationWindow, at now: Date) {
            switch window.checkSubmit(at: now)?.code {
            case nil: self = .open
            case .registrationNotOpen?: self = .soon
            default: self = .closed
            }
        }
    }

    /// The facts every listing of an event shows.
    static func summary(_ entry: CatalogueEntry, now: Date, language: Language) -> [String: Any] {
        let event = entry.event
        let window = event.rules.window
        let t = WebText.table(language)
        let state = RegistrationState(window, at: now)
        var model: [String: Any] = [
            "id": String(event.id.rawValue),
            "title": event.title,
            "href": "/events/\(event.id.rawValue)",
            "kind": t["kind_\(event.kind.rawValue)"] ?? event.kind.rawValue,
            "format": t["format_\(event.format.rawValue)"] ?? event.format.rawValue,
            "organiser": entry.organiserName,
            "dates": WebDates.span(event.startsOn, event.endsOn, language),
            "starts_iso": event.startsOn.iso,
            "who": EventWording.capitalised(EventWording.whoShort(event.rules.eligibility, language)),
            "deadline": WebDates.deadline(window, language),
            "deadline_iso": WebDates.machine(window.deadline),
            "state": state.rawValue,
            "state_text": stateText(state, window, now: now, language: language)
        ]
        if let module = entry.moduleName { model["module"] = module }
        if let team = EventWording.teamShort(event.rules.team, language) { model["team"] = team }
        if let left = entry.placesLeft, let capacity = event.rules.capacity {
            model["places"] = [
                "left": String(left),
                "text": left == 0
                    ? (language == .ru ? "мест нет (занято \(capacity) из \(capacity))" : "none left (\(capacity) of \(capacity) taken)")
                    : (language == .ru ? "\(left) из \(capacity)" : "\(left) of \(capacity)")
            ]
        }
        if state == .open { model["open"] = true }
        if event.resultsPublished { model["results_href"] = "/events/\(event.id.rawValue)/results" }
        return model
    }

    /// "Приём заявок открыт", "Приём заявок откроется 1 октября 2025 г., 00:00 (Asia/Tomsk, UTC+7)", "Приём заявок закрыт".
    static func stateText(_ state: RegistrationState, _ window: RegistrationWindow, now: Date, language: Language) -> String {
        let ru = language == .ru
        switch state {
        case .open:
            return ru ? "Приём заявок открыт" : "Registration is open"
        case .soon:
            let when = "\(WebDates.instant(window.opensAt, in: window.timeZone, language)) (\(WebDates.zone(window.timeZone, at: window.opensAt)))"
            return ru ? "Приём заявок откроется \(when)" : "Registration opens \(when)"
        case .closed:
            if now < window.deadline, let early = window.closedEarlyAt {
                let when = "\(WebDates.instant(early, in: window.timeZone, language)) (\(WebDates.zone(window.timeZone, at: early)))"
                return ru ? "Приём заявок закрыт досрочно \(when)" : "Registration closed early on \(when)"
            }
            return ru ? "Приём заявок закрыт" : "Registration is closed"
        }
    }

    /// The event page: the summary, the rules in sentences, the stages and nominations.
    static func page(_ announcement: EventAnnouncement, now: Date, language: Language) -> [String: Any] {
        let entry = announcement.entry
        let event = entry.event
        let rules = event.rules
        let window = rules.window
        let ru = language == .ru
        var model = summary(entry, now: now, language: language)
        var sentences = [
            (ru ? "Участвуют " : "Open to ") + EventWording.who(rules.eligibility, language) + ".",
            EventWording.participation(rules.team, language)
        ]
        sentences += [EventWording.perSchool(rules, language), EventWording.membersOnly(rules, language)].compactMap { $0 }
        sentences.append(EventWording.places(entry, language))
        if let consent = EventWording.consent(rules.eligibility, language) { sentences.append(consent) }
        model["rules"] = sentences.map { ["text": $0] }
        // The zone is said once, after the deadline, unless the opening falls in another offset (a DST change).
        let sameOffset = window.timeZone.secondsFromGMT(for: window.opensAt) == window.timeZone.secondsFromGMT(for: window.deadline - 1)
        let opens =
            WebDates.instant(window.opensAt, in: window.timeZone, language)
            + (sameOffset ? "" : " (\(WebDates.zone(window.timeZone, at: window.opensAt)))")
        let deadline = WebDates.deadline(window, language)
        model["window"] = ru ? "Заявки принимаются с \(opens) до \(deadline)." : "Applications are taken from \(opens) until \(deadline)."
        model["school_year"] = event.schoolYear.label
        if let edition = event.edition { model["edition"] = String(edition) }
        model["stages"] = announcement.stages.map { stage -> [String: Any] in
            var row: [String: Any] = ["title": stage.title, "position": String(stage.position)]
            if let first = stage.startsOn {
                row["stage_dates"] = WebDates.span(first, stage.endsOn ?? first, language)
            }
            if let capacity = stage.capacity {
                row["stage_capacity"] = ru ? "мест: \(capacity)" : "places: \(capacity)"
            }
            return row
        }
        model["nominations"] = announcement.nominations.map { nomination -> [String: Any] in
            var row: [String: Any] = ["title": nomination.title]
            if nomination.isSpecial { row["special"] = true }
            return row
        }
        if !announcement.stages.isEmpty { model["has_stages"] = true }
        if !announcement.nominations.isEmpty { model["has_nominations"] = true }
        if let parent = announcement.parent {
            model["parent"] = ["title": parent.title, "href": "/events/\(parent.id.rawValue)"]
        }
        return model
    }
}
