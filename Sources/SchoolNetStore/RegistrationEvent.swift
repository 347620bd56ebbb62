import Foundation
import PQ
import SchoolNetDomain

/// What registration needs to know of an event: its organiser, school year and rules.
public struct RegistrationEvent: Sendable, Hashable {
    public var id: EventID
    public var organiserID: OrganisationID
    public var schoolYearID: Int64
    public var schoolYear: SchoolYear
    public var startsOn: LocalDate
    public var rules: EventRules
    /// False while the organiser has not set when registration opens: nobody may register yet.
    public var registrationScheduled: Bool
    /// The first stage's title and capacity, when the event has stages: every registration enters it.
    public var firstStage: FirstStage?

    public struct FirstStage: Sendable, Hashable {
        public var title: String
        public var capacity: Int?
    }
}

extension ApplicationRepository {
    /// The event with its rules; `lock` takes a row lock that serialises every registration change in the event.
    // FOR NO KEY UPDATE conflicts with itself and with the organiser's UPDATEs of the event, but not with
    // the KEY SHARE locks foreign-key checks take, so rows pointing at the event are never held up by it.
    public func event(_ id: EventID, lock: Bool, on conn: PQConnection) throws -> RegistrationEvent? {
        let sql = """
            SELECT e.id, e.organiser_id, e.school_year_id, y.start_year, e.starts_on, e.ends_on, e.time_zone,
                   e.registration_opens_at, e.registration_closes_on, e.closed_early_at,
                   e.capacity, e.per_organisation_limit, e.members_only, e.participation::text AS participation,
                   e.team_min_size, e.team_max_size, e.team_required_roles::text[] AS team_required_roles,
                   e.grade_min, e.grade_max, e.age_min, e.age_max,
                   coalesce(e.age_reference_date, e.starts_on) AS age_reference_date,
                   e.allow_preschoolers, e.allow_pupils, e.allow_teachers, e.allow_students
            FROM event e JOIN school_year y ON y.id = e.school_year_id
            WHERE e.id = $1
            """ + (lock ? " FOR NO KEY UPDATE OF e" : "")
        guard let row = try conn.query(sql, [id.rawValue]).first else { return nil }

        let endsOn = try row.decode("ends_on", as: LocalDate.self)
        let opensAt = try row.decode("registration_opens_at", as: Date?.self)
        let closesOn = try row.decode("registration_closes_on", as: LocalDate?.self) ?? endsOn
        let schoolYear = SchoolYear(startYear: try row.decode("start_year", as: Int.self))
        let rules = try EventRulesRow.rules(row, schoolYear: schoolYear, opensAt: opensAt ?? .distantFuture, closesOn: closesOn)
        let stage = try conn.query(
            "SELECT title, capacity FROM event_stage WHERE event_id = $1 ORDER BY position LIMIT 1", [id.rawValue]
        ).first.map { RegistrationEvent.FirstStage(title: try $0.decode("title"), capacity: try $0.decode("capacity")) }

        return RegistrationEvent(
            id: id, organiserID: OrganisationID(rawValue: try row.decode("organiser_id")),
            schoolYearID: try row.decode("school_year_id"), schoolYear: schoolYear,
            startsOn: try row.decode("starts_on", as: LocalDate.self),
            rules: rules, registrationScheduled: opensAt != nil, firstStage: stage
        )
    }
}
