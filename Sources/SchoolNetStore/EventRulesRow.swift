import Foundation
import PQ
import SchoolNetDomain

/// The one decoder of an event's rules from its `event` columns, for every query that reads them (the
/// event itself, registration's locked read). A zone Foundation does not know and a role or mode this
/// code does not know are decoding errors: guessing a zone would move every deadline, dropping a role
/// would let teams register without it. A team's missing size reads as 1.
enum EventRulesRow {
    /// Reads `time_zone`, `participation`, `team_min_size`, `team_max_size`, `team_required_roles` (text[]),
    /// `grade_min`, `grade_max`, `age_min`, `age_max`, `age_reference_date`, the four `allow_*`,
    /// `closed_early_at`, `capacity`, `per_organisation_limit`, `members_only`; the window's opening and
    /// last day come from the caller (each query has its own fallback for an unset one).
    static func rules(_ row: PQRow, schoolYear: SchoolYear, opensAt: Date, closesOn: LocalDate) throws -> EventRules {
        let zoneName = try row.decode("time_zone", as: String.self)
        guard let zone = TimeZone(identifier: zoneName) else {
            throw PQError(kind: .decoding, message: "event time zone \(zoneName) is unknown to Foundation", column: "time_zone")
        }
        let window = RegistrationWindow(
            opensAt: opensAt, closesOn: closesOn, closedEarlyAt: try row.decode("closed_early_at", as: Date?.self), timeZone: zone)
        let gradeMin = try row.decode("grade_min", as: Int?.self)
        let gradeMax = try row.decode("grade_max", as: Int?.self)
        let ageMin = try row.decode("age_min", as: Int?.self)
        let ageMax = try row.decode("age_max", as: Int?.self)
        let eligibility = Eligibility(
            allowPupils: try row.decode("allow_pupils"), allowPreschoolers: try row.decode("allow_preschoolers"),
            allowStudents: try row.decode("allow_students"), allowTeachers: try row.decode("allow_teachers"),
            grades: range(gradeMin, gradeMax, whole: 0...11), ages: range(ageMin, ageMax, whole: 0...120),
            ageReferenceDate: try row.decode("age_reference_date", as: LocalDate.self), schoolYear: schoolYear)
        let mode = try RegistrationSQL.enumValue(
            row.decode("participation", as: String.self), ParticipationMode.self,
            column: "participation")
        var team = TeamRules.individual
        if mode == .team {
            let roles = try row.decode("team_required_roles", as: [String].self).map {
                try RegistrationSQL.enumValue($0, MemberRole.self, column: "team_required_roles")
            }
            team = TeamRules(
                mode: .team, minSize: try row.decode("team_min_size", as: Int?.self) ?? 1,
                maxSize: try row.decode("team_max_size", as: Int?.self) ?? 1,
                requiredRoles: TeamRules.requiredRoles(from: roles))
        }
        return EventRules(
            eligibility: eligibility, team: team, window: window,
            capacity: try row.decode("capacity", as: Int?.self),
            perOrganisationLimit: try row.decode("per_organisation_limit", as: Int?.self),
            membersOnly: try row.decode("members_only"))
    }

    // One bound given: the other is the widest the column allows.
    private static func range(_ low: Int?, _ high: Int?, whole: ClosedRange<Int>) -> ClosedRange<Int>? {
        guard low != nil || high != nil else { return nil }
        return (low ?? whole.lowerBound)...(high ?? whole.upperBound)
    }
}
