import Foundation
import PQ
import SchoolNetDomain

/// Results of an event (one per application per nomination, at most one absolute winner): read, written under the caller's event lock, corrections' reasons logged, and the public table of a published event.
public struct ResultRepository: Sendable {
    public init() {}

    /// Titles of the event's nominations, by id.
    public func nominations(of event: EventID, on conn: PQConnection) throws -> [NominationID: String] {
        var out: [NominationID: String] = [:]
        for row in try conn.query("SELECT id, title FROM nomination WHERE event_id = $1", [event.rawValue]) {
            out[NominationID(rawValue: try row.decode("id"))] = try row.decode("title")
        }
        return out
    }

    /// Every result of the event, entries' included.
    public func stored(in event: EventID, on conn: PQConnection) throws -> [StoredResult] {
        try conn.query(
            """
            SELECT id, application_id, entry_id, nomination_id, award::text AS award, special_title
            FROM result WHERE event_id = $1 ORDER BY id
            """, [event.rawValue]
        ).map { row in
            StoredResult(
                id: ResultID(rawValue: try row.decode("id")),
                applicationID: ApplicationID(rawValue: try row.decode("application_id")),
                entryID: try row.decode("entry_id"),
                nominationID: (try row.decode("nomination_id", as: Int64?.self)).map(NominationID.init(rawValue:)),
                award: try row.award("award", title: "special_title")
            )
        }
    }

    /// Records a new result of a whole application.
    public func insert(
        event: EventID, application: ApplicationID, nomination: NominationID?, award: Award,
        at: Date, tokenID: Int64?, on conn: PQConnection
    ) throws -> ResultID {
        let row = try conn.query(
            """
            INSERT INTO result (event_id, application_id, nomination_id, award, special_title, recorded_at, recorded_by_token_id)
            VALUES ($1, $2, $3, $4::award, $5, $6, $7) RETURNING id
            """, [event.rawValue, application.rawValue, nomination?.rawValue, award.code, award.title, at, tokenID])
        return ResultID(rawValue: try row[0].decode(0))
    }

    /// Replaces the award of a recorded result.
    public func update(_ id: ResultID, award: Award, at: Date, tokenID: Int64?, on conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE result SET award = $2::award, special_title = $3, recorded_at = $4, recorded_by_token_id = $5
            WHERE id = $1
            """, [id.rawValue, award.code, award.title, at, tokenID])
    }

    /// Removes a recorded result.
    public func delete(_ id: ResultID, on conn: PQConnection) throws {
        try conn.execute("DELETE FROM result WHERE id = $1", [id.rawValue])
    }

    /// Adds the reason of a correction to the audit log, next to the row changes the audit trigger records.
    // The trigger logs before/after of the result row; the reason is no column of it, so it gets an entry of its own
    // (entity `result_correction`, keyed by the result) with the same actor and token.
    public func logCorrection(
        _ id: ResultID, application: ApplicationID, nomination: NominationID?, before: Award?, after: Award?,
        reason: String, at: Date, on conn: PQConnection
    ) throws {
        // audit_note (migration 0014): the runtime role has no right on audit_log itself
        try conn.execute(
            """
            SELECT audit_note('result_correction', $2, 'update',
                    jsonb_build_object('award', $5::text, 'special_title', $6::text),
                    jsonb_build_object('application_id', $3::bigint, 'nomination_id', $4::bigint,
                                       'award', $7::text, 'special_title', $8::text, 'reason', $9::text),
                    $1)
            """,
            [
                at, id.rawValue, application.rawValue, nomination?.rawValue,
                before?.code, before?.title, after?.code, after?.title, reason
            ])
    }

    /// The event's results for its organiser: by nomination, best award first.
    public func list(_ event: EventID, on conn: PQConnection) throws -> [EventResult] {
        try conn.query(
            """
            SELECT r.id, r.application_id, a.organisation_id, coalesce(o.short_name, o.full_name) AS organisation_name,
                   a.team_name, r.nomination_id, n.title AS nomination_title, r.award::text AS award, r.special_title,
                   r.recorded_at,
                   ARRAY(SELECT p.last_name || ' ' || p.first_name FROM application_member m
                         JOIN person p ON p.id = m.person_id
                         WHERE m.application_id = a.id ORDER BY m.id) AS names
            FROM result r
            JOIN application a ON a.id = r.application_id
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN nomination n ON n.id = r.nomination_id
            WHERE r.event_id = $1
            ORDER BY n.position NULLS FIRST, n.title NULLS FIRST, r.award, r.special_title, r.id
            """, [event.rawValue]
        ).map { row in
            EventResult(
                id: ResultID(rawValue: try row.decode("id")),
                applicationID: ApplicationID(rawValue: try row.decode("application_id")),
                organisationID: OrganisationID(rawValue: try row.decode("organisation_id")),
                organisationName: try row.decode("organisation_name"),
                teamName: try row.decode("team_name"),
                names: try row.decode("names"),
                nominationID: (try row.decode("nomination_id", as: Int64?.self)).map(NominationID.init(rawValue:)),
                nominationTitle: try row.decode("nomination_title"),
                award: try row.award("award", title: "special_title"),
                recordedAt: try row.decode("recorded_at")
            )
        }
    }

    /// The public table: names only of members with a consent in force, the school's short name, award, nomination.
    // Birth dates, contacts and ids stay out on purpose: this is what anyone on the internet reads about minors.
    public func publicResults(_ event: EventID, on conn: PQConnection) throws -> [PublicResult] {
        try conn.query(
            """
            SELECT n.title AS nomination_title, r.award::text AS award, r.special_title, a.team_name,
                   coalesce(o.short_name, o.full_name) AS organisation_name,
                   ARRAY(SELECT p.last_name || ' ' || p.first_name FROM application_member m
                         JOIN person p ON p.id = m.person_id
                         WHERE m.application_id = a.id AND has_consent(p.id) ORDER BY m.id) AS names
            FROM result r
            JOIN application a ON a.id = r.application_id
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN nomination n ON n.id = r.nomination_id
            WHERE r.event_id = $1
            ORDER BY n.position NULLS FIRST, n.title NULLS FIRST, r.award, r.special_title, r.id
            """, [event.rawValue]
        ).map { row in
            PublicResult(
                nomination: try row.decode("nomination_title"),
                award: try row.award("award", title: "special_title"),
                teamName: try row.decode("team_name"),
                names: try row.decode("names"),
                organisation: try row.decode("organisation_name")
            )
        }
    }
}
