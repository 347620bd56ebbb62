import SchoolNetDomain

// People entered as a number rather than by name (a choir, a class): they count towards a team's size,
// so the size refusals are recomputed with them; named members are still checked one by one.
enum HeadcountRules {
    static func adjust(
        _ errors: [RegistrationError], members: [Entrant], headcount: Int?, team: TeamRules, teamName: String?
    ) -> [RegistrationError] {
        guard let headcount else { return errors }
        guard team.mode == .team else {
            return errors + [
                RegistrationError(
                    .teamNotAllowed, field: "headcount",
                    ru: "Участие в этом событии индивидуальное: группу без имён можно заявить только в командном событии",
                    en: "Entry to this event is individual: a group without names can only enter a team event"
                )
            ]
        }
        var adjusted = errors.filter { $0.code != .teamTooSmall && $0.code != .teamTooLarge }
        let size = team.countedSize(of: members) + headcount
        let label = teamName.map { "Команда «\($0)»" } ?? "Команда"
        let labelEN = teamName.map { "Team “\($0)”" } ?? "The team"
        if size < team.minSize {
            adjusted.append(
                RegistrationError(
                    .teamTooSmall, field: "members",
                    ru: "\(label): \(members.count) по именам и \(headcount) без имён, всего \(size), а нужно не меньше \(team.minSize)",
                    en: "\(labelEN) has \(size) members (\(members.count) named, \(headcount) unnamed), at least \(team.minSize) required"
                ))
        }
        if size > team.maxSize {
            adjusted.append(
                RegistrationError(
                    .teamTooLarge, field: "members",
                    ru: "\(label): \(members.count) по именам и \(headcount) без имён, всего \(size), а можно не больше \(team.maxSize)",
                    en: "\(labelEN) has \(size) members (\(members.count) named, \(headcount) unnamed), at most \(team.maxSize) allowed"
                ))
        }
        return adjusted
    }
}
