import Foundation
import SchoolNetDomain
import SchoolNetService

/// One application of the dataset as it will be requested: expanded from its group, in registration order.
struct PlannedApplication: Sendable {
    var sequence: Int
    var organisation: String
    var teamName: String?
    var nomination: String?
    var members: [MemberRequest]
    var headcount: Int?
    var entries: [(kind: EntryKind, title: String, nomination: String?, headcount: Int?, authors: [Int])]
    var awards: [String]
    var rejection: String?
    var responsible: PersonName
}

/// Expands an event's compact groups into applications: round-robin over the groups, so the
/// applications (and the awards given in their order) spread over the organisations.
struct ReferenceYearPlan {
    let event: ReferenceDataset.Event
    let organisations: [String: ReferenceDataset.Organisation]

    func applications() throws -> [PlannedApplication] {
        if event.applications.contains(where: { $0.group == true }) { return try groupApplications() }
        let counts = event.applications.map { $0.count ?? 1 }
        var planned: [PlannedApplication] = []
        var serial: [String: Int] = [:]  // per organisation: spreads birth dates, numbers teams
        for round in 0..<(counts.max() ?? 0) {
            for (g, group) in event.applications.enumerated() where round < counts[g] {
                let org = try organisation(group.organisation)
                var members: [MemberRequest] = []
                if group.headcount == nil {
                    for m in 0..<(group.members ?? 1) {
                        let index = serial[group.organisation, default: 0]
                        serial[group.organisation] = index + 1
                        members.append(member(group, seed: "\(event.key)/\(group.organisation)/\(g)/\(round)/\(m)", index: index, position: m))
                    }
                }
                var teamName: String? = nil
                if event.participation == "team" {
                    let base = org.shortName ?? org.fullName
                    teamName = base + (group.teamNameSuffix ?? "")
                    if (group.count ?? 1) > 1 { teamName! += " — \(round + 1)" }
                }
                let nomination = group.nominations.map { $0[round % $0.count] }
                planned.append(
                    PlannedApplication(
                        sequence: planned.count + 1, organisation: group.organisation, teamName: teamName, nomination: nomination,
                        members: members, headcount: group.headcount,
                        entries: event.projectPerMember == true ? [(.project, "Проект «\(event.key)-\(planned.count + 1)»", nil, nil, [0])] : [],
                        awards: round < (group.awards?.count ?? 0) ? [group.awards![round]] : [],
                        rejection: group.status == "rejected" ? (group.reason ?? "заявка отклонена") : nil,
                        responsible: responsible(group, round: round)))
            }
        }
        return planned
    }

    /// Shared entries dealt to the group organisations in turn; one application per organisation and
    /// nomination, its headcount the people of its entries.
    private func groupApplications() throws -> [PlannedApplication] {
        let orgs = event.applications.map(\.organisation)
        var dealt: [String: [(ReferenceDataset.EntryGroup, Int)]] = [:]
        var turn = 0
        for group in event.entries ?? [] {
            for n in 0..<group.count {
                dealt[orgs[turn % orgs.count], default: []].append((group, n + 1))
                turn += 1
            }
        }
        var planned: [PlannedApplication] = []
        for key in orgs {
            let org = try organisation(key)
            for nomination in (event.nominations ?? []).map(\.title) {
                let entries = (dealt[key] ?? []).filter { $0.0.nomination == nomination }
                guard !entries.isEmpty else { continue }
                planned.append(
                    PlannedApplication(
                        sequence: planned.count + 1, organisation: key, teamName: "\(org.shortName ?? org.fullName) — \(nomination)",
                        nomination: nomination, members: [], headcount: entries.reduce(0) { $0 + $1.0.headcount },
                        entries: entries.map { (EntryKind(rawValue: $0.0.kind) ?? .work, "\($0.0.title) №\($0.1)", nomination, nil, []) },
                        awards: [], rejection: nil,
                        responsible: SyntheticNames.name("coordinator/\(key)")))
            }
        }
        return planned
    }

    private func organisation(_ key: String) throws -> ReferenceDataset.Organisation {
        guard let org = organisations[key] else { throw ReferenceYearError("event \(event.key) names unknown organisation \(key)") }
        return org
    }

    private func member(_ group: ReferenceDataset.ApplicationGroup, seed: String, index: Int, position: Int) -> MemberRequest {
        let kind = PersonKind(rawValue: group.memberKind ?? "pupil") ?? .pupil
        let name = SyntheticNames.name(seed)
        let role = group.roles.map { MemberRole(rawValue: $0[position % $0.count]) ?? .participant } ?? .participant
        var grade: Int? = nil
        let birth: LocalDate
        switch kind {
        case .pupil:
            let range = group.grades ?? [event.gradeMin ?? 1, event.gradeMax ?? 11]
            grade = range[0] + index % (range[1] - range[0] + 1)
            birth = SyntheticNames.pupilBirthDate(grade: grade!, startYear: event.schoolYear, index: index, seed: seed)
        case .preschooler:
            grade = 0
            birth = SyntheticNames.pupilBirthDate(grade: 0, startYear: event.schoolYear, index: index, seed: seed)
        case .student:
            birth = SyntheticNames.adultBirthDate(firstYear: event.schoolYear - 20, years: 3, seed: seed)
        case .teacher:
            birth = SyntheticNames.adultBirthDate(firstYear: 1965, years: 30, seed: seed)
        }
        return MemberRequest(
            lastName: name.surname, firstName: name.givenName, patronymic: name.patronymic,
            birthDate: birth, kind: kind, grade: grade, role: role, consent: true)
    }

    private func responsible(_ group: ReferenceDataset.ApplicationGroup, round: Int) -> PersonName {
        if let n = group.responsibleTeachers, n > 0 {
            return SyntheticNames.name("\(event.key)/\(group.organisation)/responsible/\(round % n)")
        }
        return SyntheticNames.name("coordinator/\(group.organisation)")
    }
}

/// The dataset contradicts itself or the services refused it.
public struct ReferenceYearError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
