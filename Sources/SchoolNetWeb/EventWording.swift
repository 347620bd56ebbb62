import Foundation
import SchoolNetDomain
import SchoolNetHTTP

/// An event's rules as sentences a teacher reads without the regulations at hand, in Russian or English: who may
/// take part, how, how many from one school, how many places are left. The rules themselves are the domain's; this
/// only says them.
enum EventWording {
    /// "1 участник", "2 участника", "5 участников": the one/few/many forms for `n`.
    static func plural(_ n: Int, _ forms: (String, String, String)) -> String {
        let tens = abs(n) % 100
        let units = abs(n) % 10
        if (11...14).contains(tens) { return forms.2 }
        switch units {
        case 1: return forms.0
        case 2...4: return forms.1
        default: return forms.2
        }
    }

    /// After «до»/«не больше»: the genitive, singular only for 1, 21, 31... ("до 21 года", "до 10 лет").
    static func genitive(_ n: Int, _ singular: String, _ plural: String) -> String {
        abs(n) % 10 == 1 && abs(n) % 100 != 11 ? singular : plural
    }

    /// Who may take part: "ученики 6 класса", "ученики 5–11 классов в возрасте от 10 до 17 лет", "педагоги".
    static func who(_ rules: Eligibility, _ language: Language) -> String {
        var groups: [String] = []
        let ru = language == .ru
        if rules.allowPupils {
            if let grades = rules.grades {
                if grades.lowerBound == grades.upperBound {
                    groups.append(ru ? "ученики \(grades.lowerBound) класса" : "pupils of grade \(grades.lowerBound)")
                } else {
                    groups.append(
                        ru ? "ученики \(grades.lowerBound)–\(grades.upperBound) классов" : "pupils of grades \(grades.lowerBound)–\(grades.upperBound)")
                }
            } else {
                groups.append(ru ? "школьники" : "pupils")
            }
        }
        if rules.allowPreschoolers { groups.append(ru ? "воспитанники детских садов" : "preschoolers") }
        if rules.allowStudents { groups.append(ru ? "студенты" : "students") }
        if rules.allowTeachers { groups.append(ru ? "педагоги" : "teachers") }
        var text = list(groups, language)
        if let ages = rules.ages, !rules.isTeachersOnly {
            let on = WebDates.day(rules.ageReferenceDate, language)
            text +=
                ru
                ? " в возрасте от \(ages.lowerBound) до \(ages.upperBound) \(genitive(ages.upperBound, "года", "лет")) (на \(on))"
                : " aged \(ages.lowerBound) to \(ages.upperBound) (on \(on))"
        }
        return text
    }

    /// The short form for the catalogue: "6 класс", "5–11 классы", "7–10 лет", "педагоги".
    static func whoShort(_ rules: Eligibility, _ language: Language) -> String {
        let ru = language == .ru
        var parts: [String] = []
        if rules.allowPupils, let grades = rules.grades {
            parts.append(
                grades.lowerBound == grades.upperBound
                    ? (ru ? "\(grades.lowerBound) класс" : "grade \(grades.lowerBound)")
                    : (ru ? "\(grades.lowerBound)–\(grades.upperBound) классы" : "grades \(grades.lowerBound)–\(grades.upperBound)"))
        } else if rules.allowPupils {
            parts.append(ru ? "школьники" : "pupils")
        }
        if rules.allowPreschoolers { parts.append(ru ? "дошкольники" : "preschoolers") }
        if rules.allowStudents { parts.append(ru ? "студенты" : "students") }
        if rules.allowTeachers { parts.append(ru ? "педагоги" : "teachers") }
        if let ages = rules.ages, !rules.isTeachersOnly {
            parts.append(
                ru ? "\(ages.lowerBound)–\(ages.upperBound) \(plural(ages.upperBound, ("год", "года", "лет")))" : "aged \(ages.lowerBound)–\(ages.upperBound)")
        }
        return parts.joined(separator: ", ")
    }

    /// How one enters: "Участие индивидуальное: в заявке один участник." / "Участие командное: в команде от 2 до 7 участников."
    static func participation(_ team: TeamRules, _ language: Language) -> String {
        let ru = language == .ru
        guard team.mode == .team else {
            return ru ? "Участие индивидуальное: в заявке один участник." : "Individual entry: one participant per application."
        }
        var text: String
        if team.minSize == team.maxSize {
            let n = team.minSize
            text =
                ru
                ? "Участие командное: в команде ровно \(n) \(plural(n, ("участник", "участника", "участников")))."
                : "Team entry: exactly \(n) member\(n == 1 ? "" : "s") per team."
        } else {
            text =
                ru
                ? "Участие командное: в команде от \(team.minSize) до \(team.maxSize) \(genitive(team.maxSize, "участника", "участников"))."
                : "Team entry: \(team.minSize) to \(team.maxSize) members per team."
        }
        let roles = team.requiredRoleList
        if !roles.isEmpty {
            let counted = MemberRole.allCases.compactMap { role -> String? in
                let n = roles.count(where: { $0 == role })
                guard n > 0 else { return nil }
                return ru ? "\(role.nameRU) — \(n)" : "\(role.nameEN): \(n)"
            }
            text += ru ? " Обязательно в команде: \(counted.joined(separator: ", "))." : " Each team must include: \(counted.joined(separator: ", "))."
        }
        return text
    }

    /// "команды из 2–7 участников" for the catalogue, nil for an individual event.
    static func teamShort(_ team: TeamRules, _ language: Language) -> String? {
        guard team.mode == .team else { return nil }
        let size = team.minSize == team.maxSize ? "\(team.maxSize)" : "\(team.minSize)–\(team.maxSize)"
        return language == .ru ? "команды из \(size) \(genitive(team.maxSize, "участника", "участников"))" : "teams of \(size)"
    }

    /// "От одной школы — не больше 2 команд." (a team is one application), nil when unlimited.
    static func perSchool(_ rules: EventRules, _ language: Language) -> String? {
        guard let limit = rules.perOrganisationLimit else { return nil }
        let team = rules.team.mode == .team
        switch language {
        case .ru:
            let noun = team ? genitive(limit, "команды", "команд") : genitive(limit, "заявки", "заявок")
            return "От одной школы — не больше \(limit) \(noun)."
        case .en:
            let noun = team ? (limit == 1 ? "team" : "teams") : (limit == 1 ? "application" : "applications")
            return "At most \(limit) \(noun) from one school."
        }
    }

    /// "Всего мест: 30, свободно сейчас: 12." / "The number of places is not limited."
    static func places(_ entry: CatalogueEntry, _ language: Language) -> String {
        guard let capacity = entry.event.rules.capacity, let left = entry.placesLeft else {
            return language == .ru ? "Количество мест не ограничено." : "The number of places is not limited."
        }
        return language == .ru ? "Всего мест: \(capacity), свободно сейчас: \(left)." : "Places: \(capacity) in all, \(left) free now."
    }

    /// The consent sentence, when minors may take part.
    static func consent(_ rules: Eligibility, _ language: Language) -> String? {
        guard !rules.isTeachersOnly else { return nil }
        return language == .ru
            ? "За участников младше 18 лет школа подтверждает согласие родителей на обработку персональных данных."
            : "For participants under 18 the school confirms the parents’ consent to personal data processing."
    }

    /// "Только для школ сети (с действующим соглашением)."
    static func membersOnly(_ rules: EventRules, _ language: Language) -> String? {
        guard rules.membersOnly else { return nil }
        return language == .ru
            ? "Только для организаций — участников сети (с действующим соглашением)."
            : "Only for member organisations of the network (with an agreement in force)."
    }

    /// "a, b и c" / "a, b and c".
    static func list(_ items: [String], _ language: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .ru ? " и " : " and ") + items.last!
    }

    /// The text with its first letter capitalised ("6 класс" stays, "педагоги" becomes "Педагоги").
    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
