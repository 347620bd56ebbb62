import Foundation
import PQ
import SchoolNetDomain

/// Stages of an event in order (the last is the final) and the applications advanced into them; callers lock the event row before counting and adding.
public struct StageRepository: Sendable {
    public init() {}

    /// The event's stages by position; the one with the highest position is final.
    public func stages(of event: EventID, on conn: PQConnection) throws -> [Stage] {
        let rows = try conn.query(
            """
            SELECT id, title, position, capacity, position = max(position) OVER () AS is_final
            FROM event_stage WHERE event_id = $1 ORDER BY position
            """, [event.rawValue])
        return try rows.map { row in
            Stage(
                id: StageID(rawValue: try row.decode("id")),
                name: try row.decode("title"),
                number: Int(try row.decode("position", as: Int16.self)),
                capacity: (try row.decode("capacity", as: Int32?.self)).map(Int.init),
                isFinal: try row.decode("is_final")
            )
        }
    }

    /// How many applications are in `stage`.
    public func count(in stage: StageID, on conn: PQConnection) throws -> Int {
        Int(try conn.query("SELECT count(*) FROM stage_advancement WHERE stage_id = $1", [stage.rawValue])[0].decode(0, as: Int64.self))
    }

    /// Records that `application` moved into `stage` of `event`.
    public func advance(
        _ application: ApplicationID, into stage: StageID, event: EventID, at: Date, tokenID: Int64?, on conn: PQConnection
    ) throws {
        try conn.execute(
            """
            INSERT INTO stage_advancement (event_id, application_id, stage_id, decided_at, decided_by_token_id)
            VALUES ($1, $2, $3, $4, $5)
            """, [event.rawValue, application.rawValue, stage.rawValue, at, tokenID])
    }

    /// Takes `application` out of `stage`; false when it was not there.
    public func remove(_ application: ApplicationID, from stage: StageID, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            "DELETE FROM stage_advancement WHERE application_id = $1 AND stage_id = $2",
            [application.rawValue, stage.rawValue]) > 0
    }
}
