import Foundation
import PQ

/// Reads the audit log the triggers write (it is never written from Swift). PERSONAL DATA:
/// `before`/`after` are whole rows; show them to administrators only, never log them.
public struct AuditRepository: Sendable {
    public init() {}

    /// The changes to one row of `entity` (a table name: "event", "api_token"), oldest first.
    public func entries(entity: String, entityID: Int64, on conn: PQConnection) throws -> [AuditEntry] {
        try conn.query(
            """
            SELECT id, occurred_at, actor, token_id, entity, entity_id, action, before::text, after::text,
                   ARRAY(SELECT k FROM jsonb_object_keys(coalesce(before, '{}') || coalesce(after, '{}')) AS k
                         WHERE before -> k IS DISTINCT FROM after -> k ORDER BY k) AS changed
            FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id
            """, [entity, entityID]
        ).map { row in
            AuditEntry(
                id: try row.decode(0), occurredAt: try row.decode(1), actor: try row.decode(2), tokenID: try row.decode(3),
                entity: try row.decode(4), entityID: try row.decode(5), action: try row.decode(6),
                before: try row.decode(7), after: try row.decode(8), changedKeys: try row.decode(9))
        }
    }
}

/// One audit_log row.
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, PQEncodable, PQDecodable {
        case insert, update, delete
    }

    public var id: Int64
    public var occurredAt: Date
    public var actor: String?
    public var tokenID: Int64?
    public var entity: String
    public var entityID: Int64?
    public var action: Action
    /// The row before and after, as JSON text (nil for an insert's before and a delete's after).
    public var before: String?
    public var after: String?
    /// Columns whose values differ between before and after, sorted.
    public var changedKeys: [String]
}
