import Foundation
import SchoolNetDomain
import SchoolNetHTTP

/// How the school's pages word an event and an application, in the person's language. Texts only: whether
/// something may still be done is asked of the domain's own checks by the pages.
enum ApplicationView {
    /// "Подана", "Отклонена", ...
    static func status(_ status: ApplicationStatus, _ language: Language) -> String {
        let name = language == .ru ? status.nameRU : status.nameEN
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The event's title, dates, deadline (in its own zone), who takes part and how.
    static func event(_ event: Event, _ language: Language) -> [String: Any] {
        let ru = language == .ru
        let zone = event.timeZone.identifier
        let closes = event.rules.window.closesOn
        var model: [String: Any] = [
            "event_id": event.id.rawValue, "title": event.title,
            "dates": WebDates.day(event.startsOn, language) + (event.endsOn == event.startsOn ? "" : " — " + WebDates.day(event.endsOn, language)),
            "deadline": ru
                ? "Заявки принимаются до \(WebDates.day(closes, language)) включительно (время \(zone))"
                : "Applications are taken until the end of \(WebDates.day(closes, language)) (\(zone) time)"
        ]
        let team = event.rules.team
        if team.mode == .team {
            let size = team.minSize == team.maxSize ? "\(team.minSize)" : "\(team.minSize)–\(team.maxSize)"
            model["entry"] = ru ? "Команда: \(size) участников" : "Team of \(size) members"
        } else {
            model["entry"] = ru ? "Индивидуальное участие" : "Individual entry"
        }
        if let grades = event.rules.eligibility.grades {
            let range = grades.lowerBound == grades.upperBound ? "\(grades.lowerBound)" : "\(grades.lowerBound)–\(grades.upperBound)"
            model["grades"] = ru ? "Классы: \(range)" : "Grades: \(range)"
        }
        return model
    }

    static func instant(_ instant: Date, in zone: TimeZone, _ language: Language) -> String {
        language == .ru ? RussianText.instant(instant, in: zone) : RussianText.instantEN(instant, in: zone)
    }

    /// What a list calls the application: its team name, else its members' short names, else its number.
    static func label(_ application: Application, _ language: Language) -> String {
        if let team = application.teamName { return team }
        let names = application.members.map(\.name.short)
        if !names.isEmpty { return names.joined(separator: ", ") }
        return (language == .ru ? "Заявка №" : "Application #") + String(application.id.rawValue)
    }

    /// "6А класс", "педагог", "дошкольная группа"; `short`: "6А" in a column named «Класс».
    static func group(_ group: SchoolRoster.Group, _ language: Language, short: Bool = false) -> String {
        let ru = language == .ru
        switch group {
        case .staff: return ru ? "педагог" : "teacher"
        case .schoolClass("0"): return ru ? "дошкольная группа" : "preschool group"
        case .schoolClass(let label): return short ? label : ru ? "\(label) класс" : "class \(label)"
        }
    }

    /// A member as the application page lists them: kind or grade, and the role when it is not a plain participant.
    static func member(_ member: ApplicationMember, _ language: Language) -> [String: Any] {
        let ru = language == .ru
        var details: [String] = []
        if let grade = member.grade, member.kind == .pupil || member.kind == .preschooler {
            details.append(grade == 0 ? (ru ? "дошкольная группа" : "preschool group") : (ru ? "\(grade) класс" : "grade \(grade)"))
        } else {
            details.append(ru ? member.kind.nameRU : member.kind.nameEN)
        }
        if member.role != .participant { details.append(ru ? member.role.nameRU : member.role.nameEN) }
        return ["name": member.name.full, "details": details.joined(separator: ", "), "person_id": member.personID.rawValue]
    }
}
