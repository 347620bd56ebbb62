/// How entries are made up: one person, or a team of a given size with roles that must be present.
public struct TeamRules: Sendable, Hashable, Codable {
    public var mode: ParticipationMode
    public var minSize: Int
    public var maxSize: Int
    /// Roles every team must contain at least this many times: «Школьные кейсы» needs one mentor and one young teacher.
    public var requiredRoles: [MemberRole: Int]
    /// Roles that travel with a team without counting towards its size, such as an accompanying mentor.
    public var uncountedRoles: Set<MemberRole>

    /// One person per application.
    public static let individual = TeamRules(mode: .individual, minSize: 1, maxSize: 1)

    public init(
        mode: ParticipationMode, minSize: Int = 1, maxSize: Int = 1,
        requiredRoles: [MemberRole: Int] = [:], uncountedRoles: Set<MemberRole> = []
    ) {
        self.mode = mode
        self.minSize = minSize
        self.maxSize = maxSize
        self.requiredRoles = requiredRoles
        self.uncountedRoles = uncountedRoles
    }

    /// A team of `min...max` members.
    public static func team(_ size: ClosedRange<Int>, requiredRoles: [MemberRole: Int] = [:], uncountedRoles: Set<MemberRole> = []) -> TeamRules {
        TeamRules(mode: .team, minSize: size.lowerBound, maxSize: size.upperBound, requiredRoles: requiredRoles, uncountedRoles: uncountedRoles)
    }

    /// Required roles as the database stores them, one array element per required person: `{mentor,young_teacher}`.
    public var requiredRoleList: [MemberRole] {
        MemberRole.allCases.flatMap { role in Array(repeating: role, count: requiredRoles[role] ?? 0) }
    }

    /// Counts an array of required roles, as stored, into a role -> count table.
    public static func requiredRoles(from list: [MemberRole]) -> [MemberRole: Int] {
        list.reduce(into: [:]) { counts, role in counts[role, default: 0] += 1 }
    }

    /// How many members count towards the team's size.
    public func countedSize(of members: [Entrant]) -> Int {
        members.count(where: { !uncountedRoles.contains($0.role) })
    }

    /// Every reason `members` can't form an entry; duplicate fields are "members[i]".
    public func violations(for members: [Entrant], teamName: String? = nil) -> [RegistrationError] {
        var errors = duplicates(in: members)
        if mode == .individual {
            if members.count != 1 {
                errors.append(
                    RegistrationError(
                        .teamNotAllowed, field: "members",
                        ru: members.isEmpty
                            ? "В заявке не указан участник"
                            : "Участие в этом событии индивидуальное: в заявке должен быть один участник, а указано \(RussianText.count(members.count, RussianText.members))",
                        en: members.isEmpty
                            ? "The application names no participant"
                            : "Entry to this event is individual: an application names one participant, this one names \(members.count)"
                    ))
            }
            return errors
        }

        let team = teamName.map { "Команда «\($0)»" } ?? "Команда"
        let teamEN = teamName.map { "Team “\($0)”" } ?? "The team"
        let size = countedSize(of: members)
        if size < minSize {
            errors.append(
                RegistrationError(
                    .teamTooSmall, field: "members",
                    ru: "\(team): \(RussianText.count(size, RussianText.members)), а нужно не меньше \(minSize)",
                    en: "\(teamEN) has \(size) members, at least \(minSize) required"
                ))
        }
        if size > maxSize {
            errors.append(
                RegistrationError(
                    .teamTooLarge, field: "members",
                    ru: "\(team): \(RussianText.count(size, RussianText.members)), а можно не больше \(maxSize)",
                    en: "\(teamEN) has \(size) members, at most \(maxSize) allowed"
                ))
        }
        for role in MemberRole.allCases {
            guard let needed = requiredRoles[role], needed > 0 else { continue }
            let present = members.count(where: { $0.role == role })
            guard present < needed else { continue }
            errors.append(
                RegistrationError(
                    .requiredRoleMissing, field: "members",
                    ru: "\(team): нужно \(needed) в роли «\(role.nameRU)», а указано \(present)",
                    en: "\(teamEN) needs \(needed) \(role.nameEN)\(needed == 1 ? "" : "s"), \(present) given"
                ))
        }
        return errors
    }

    private func duplicates(in members: [Entrant]) -> [RegistrationError] {
        var seen: [String: Int] = [:]
        var errors: [RegistrationError] = []
        for (index, member) in members.enumerated() {
            if let first = seen[member.identityKey] {
                // Named as first written: the later row may be the misspelt copy.
                let name = members[first].name
                errors.append(
                    RegistrationError(
                        .duplicateMember, field: "members[\(index)]",
                        ru: "\(name.short) встречается в заявке дважды (строки \(first + 1) и \(index + 1))",
                        en: "\(name.short) is listed twice (rows \(first + 1) and \(index + 1))"
                    ))
            } else {
                seen[member.identityKey] = index
            }
        }
        return errors
    }
}
