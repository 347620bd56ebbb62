import Foundation
import PQ
import SchoolNetDomain

/// Events with their rules (as columns of `event`), stages and nominations. `lockForUpdate` is
/// the row lock the registration and results services serialise an event's changes on.
/// An event stored without a registration window reads as open from its creation to its last day.
public struct EventRepository: Sendable {
    public init() {}

    static let columns = """
        e.id, e.title, y.start_year, e.module_id, e.organiser_id, e.parent_event_id, e.kind, e.edition, e.format,
        e.audience, e.starts_on, e.ends_on, e.time_zone, coalesce(e.registration_opens_at, e.created_at) AS opens_at,
        coalesce(e.registration_closes_on, e.ends_on) AS closes_on, e.closed_early_at, e.capacity,
        e.per_organisation_limit, e.members_only, e.participation::text AS participation, e.team_min_size, e.team_max_size,
        e.team_required_roles::text[] AS team_required_roles, e.grade_min, e.grade_max, e.age_min, e.age_max,
        coalesce(e.age_reference_date, e.starts_on) AS age_reference_date, e.allow_preschoolers, e.allow_pupils,
        e.allow_teachers, e.allow_students, e.results_published_at
        """

    static let from = "event e JOIN school_year y ON y.id = e.school_year_id"

    /// Stores the event, its stages (positions 1, 2, ... in order) and nominations; the school
    /// year row is created if missing. A broken rule fails with its constraint (`event_team_rules`,
    /// `event_in_school_year`, `event_time_zone_valid`, ...): check `rules.setupViolations` first.
    public func create(_ new: NewEvent, createdAt: Date? = nil, on conn: PQConnection) throws -> Event {
        try conn.transaction { conn in
            try ReferenceRepository().ensureSchoolYear(new.schoolYear, on: conn)
            let rules = new.rules
            let team = rules.team.mode == .team
            let eligibility = rules.eligibility
            let id: EventID = try conn.one(
                """
                INSERT INTO event (
                    school_year_id, module_id, organiser_id, parent_event_id, title, kind, edition, format, audience,
                    starts_on, ends_on, time_zone, registration_opens_at, registration_closes_on, closed_early_at,
                    capacity, per_organisation_limit, members_only, participation, team_min_size, team_max_size,
                    team_required_roles, grade_min, grade_max, age_min, age_max, age_reference_date,
                    allow_preschoolers, allow_pupils, allow_teachers, allow_students, created_at, updated_at)
                VALUES (
                    (SELECT id FROM school_year WHERE start_year = $1), $2, $3, $4, $5, $6, $7, $8, $9,
                    $10, $11, $12, $13, $14, $15,
                    $16, $17, $18, $19, $20, $21,
                    $22::text[]::participant_role[], $23, $24, $25, $26, nullif($27, $10),
                    $28, $29, $30, $31, coalesce($32, now()), coalesce($32, now()))
                RETURNING id
                """,
                [
                    new.schoolYear.startYear, new.moduleID, new.organiserID, new.parentEventID, new.title, new.kind,
                    new.edition, new.format, new.audience,
                    new.startsOn, new.endsOn, rules.window.timeZone.identifier, rules.window.opensAt, rules.window.closesOn,
                    rules.window.closedEarlyAt,
                    rules.capacity, rules.perOrganisationLimit, rules.membersOnly, rules.team.mode,
                    team ? rules.team.minSize : nil, team ? rules.team.maxSize : nil,
                    team ? rules.team.requiredRoleList : [], eligibility.grades?.lowerBound, eligibility.grades?.upperBound,
                    eligibility.ages?.lowerBound, eligibility.ages?.upperBound, eligibility.ageReferenceDate,
                    eligibility.allowPreschoolers, eligibility.allowPupils, eligibility.allowTeachers, eligibility.allowStudents,
                    createdAt
                ]
            ).decode(0)
            for (index, stage) in new.stages.enumerated() {
                try conn.execute(
                    """
                    INSERT INTO event_stage (event_id, position, title, starts_on, ends_on, capacity) VALUES ($1, $2, $3, $4, $5, $6)
                    """, [id, index + 1, stage.title, stage.startsOn, stage.endsOn, stage.capacity])
            }
            for nomination in new.nominations {
                try addNomination(id, nomination, on: conn)
            }
            guard let event = try get(id, on: conn) else {
                throw PQError(kind: .other, message: "event \(id.rawValue) vanished after insert")
            }
            return event
        }
    }

    public func get(_ id: EventID, on conn: PQConnection) throws -> Event? {
        try conn.query("SELECT \(Self.columns) FROM \(Self.from) WHERE e.id = $1", [id]).first.map(event)
    }

    /// The events of `ids` that exist, by id (a school's page names the events of its applications).
    public func get(_ ids: [EventID], on conn: PQConnection) throws -> [Event] {
        try conn.query("SELECT \(Self.columns) FROM \(Self.from) WHERE e.id = ANY($1) ORDER BY e.id", [ids.map(\.rawValue)]).map(event)
    }

    /// The event, its row locked until the transaction ends (SELECT ... FOR UPDATE): changes to
    /// one event's applications, stages and results take this lock first, so they serialise.
    public func lockForUpdate(_ id: EventID, on conn: PQConnection) throws -> Event? {
        try conn.query("SELECT \(Self.columns) FROM \(Self.from) WHERE e.id = $1 FOR UPDATE OF e", [id]).first.map(event)
    }

    /// Events taking applications at `now` (opened, before the deadline, not closed early), soonest deadline first.
    public func listOpen(_ filter: EventFilter = EventFilter(), at now: Date, on conn: PQConnection) throws -> [Event] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM \(Self.from)
            WHERE coalesce(e.registration_opens_at, e.created_at) <= $1
              AND $1 < coalesce(e.registration_closes_at, ((e.ends_on + 1)::timestamp AT TIME ZONE e.time_zone))
              AND (e.closed_early_at IS NULL OR $1 < e.closed_early_at)
              AND ($2::bigint IS NULL OR e.module_id = $2)
              AND ($3::integer IS NULL OR y.start_year = $3)
              AND ($4::text IS NULL
                   OR ($4 = 'teachers' AND e.allow_teachers)
                   OR ($4 = 'pupils' AND (e.allow_pupils OR e.allow_preschoolers OR e.allow_students)))
            ORDER BY coalesce(e.registration_closes_at, ((e.ends_on + 1)::timestamp AT TIME ZONE e.time_zone)), e.id
            """, [now, filter.moduleID, filter.schoolYear?.startYear, filter.audience]
        ).map(event)
    }

    /// The events of a school year (optionally one organiser's), by start date.
    public func list(schoolYear: SchoolYear, organiserID: OrganisationID? = nil, on conn: PQConnection) throws -> [Event] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM \(Self.from)
            WHERE y.start_year = $1 AND ($2::bigint IS NULL OR e.organiser_id = $2)
            ORDER BY e.starts_on, e.id
            """, [schoolYear.startYear, organiserID]
        ).map(event)
    }

    /// The sections of an event (its teachers' section, say).
    public func sections(of id: EventID, on conn: PQConnection) throws -> [Event] {
        try conn.query("SELECT \(Self.columns) FROM \(Self.from) WHERE e.parent_event_id = $1 ORDER BY e.starts_on, e.id", [id])
            .map(event)
    }

    // MARK: Stages and nominations

    public func stages(_ id: EventID, on conn: PQConnection) throws -> [EventStage] {
        try conn.query(
            """
            SELECT id, event_id, position, title, starts_on, ends_on, capacity FROM event_stage
            WHERE event_id = $1 ORDER BY position
            """, [id]
        ).map { row in
            EventStage(
                id: try row.decode(0), eventID: try row.decode(1), position: try row.decode(2), title: try row.decode(3),
                startsOn: try row.decode(4), endsOn: try row.decode(5), capacity: try row.decode(6))
        }
    }

    public func nominations(_ id: EventID, on conn: PQConnection) throws -> [Nomination] {
        try conn.query(
            """
            SELECT id, event_id, title, is_special, position FROM nomination
            WHERE event_id = $1 ORDER BY position NULLS LAST, id
            """, [id]
        ).map(nomination)
    }

    /// Adds a nomination after the existing ones (a jury's special one, say); a title the event
    /// already has (up to case and ё/е) fails with `nomination_title_unique`.
    @discardableResult
    public func addNomination(_ id: EventID, _ new: NewNomination, on conn: PQConnection) throws -> Nomination {
        try nomination(
            try conn.one(
                """
                INSERT INTO nomination (event_id, title, is_special, position)
                VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM nomination WHERE event_id = $1))
                RETURNING id, event_id, title, is_special, position
                """, [id, new.title, new.isSpecial]))
    }

    // MARK: Changes

    /// Stops new applications from `at` (edits and withdrawals go on until the deadline); false if no such event.
    @discardableResult
    public func setClosedEarly(_ id: EventID, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute("UPDATE event SET closed_early_at = $2, updated_at = $2 WHERE id = $1", [id, at]) == 1
    }

    /// Takes applications again after an early close.
    @discardableResult
    public func reopen(_ id: EventID, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute("UPDATE event SET closed_early_at = NULL, updated_at = $2 WHERE id = $1", [id, at]) == 1
    }

    /// Publishes the results at `at`, or hides them again with nil.
    @discardableResult
    public func setResultsPublished(_ id: EventID, at: Date?, updatedAt: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute("UPDATE event SET results_published_at = $2, updated_at = $3 WHERE id = $1", [id, at, updatedAt]) == 1
    }

    // MARK: Rows

    func event(_ row: PQRow) throws -> Event {
        let year = SchoolYear(startYear: try row.decode("start_year"))
        let rules = try EventRulesRow.rules(row, schoolYear: year, opensAt: try row.decode("opens_at"), closesOn: try row.decode("closes_on"))
        return Event(
            id: try row.decode("id"), title: try row.decode("title"), schoolYear: year, moduleID: try row.decode("module_id"),
            organiserID: try row.decode("organiser_id"), parentEventID: try row.decode("parent_event_id"),
            kind: try row.decode("kind"), edition: try row.decode("edition"), format: try row.decode("format"),
            audience: try row.decode("audience"), startsOn: try row.decode("starts_on"), endsOn: try row.decode("ends_on"),
            rules: rules, resultsPublishedAt: try row.decode("results_published_at"))
    }

    private func nomination(_ row: PQRow) throws -> Nomination {
        Nomination(
            id: try row.decode(0), eventID: try row.decode(1), title: try row.decode(2), isSpecial: try row.decode(3),
            position: try row.decode(4))
    }
}
