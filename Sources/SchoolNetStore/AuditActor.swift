import PQ

/// Names who is acting for the audit triggers: transaction-local settings `schoolnet.actor` and
/// `schoolnet.token_id` that `audit_row()` copies into every audit_log row the transaction writes.
public enum AuditActor {
    /// Call first in each writing transaction; outside one it would vanish at once, so it throws.
    public static func set(actor: String, tokenID: Int64?, on conn: PQConnection) throws {
        guard conn.isInTransaction else {
            throw PQError(kind: .other, message: "AuditActor.set outside a transaction: the audit log would not see it")
        }
        try conn.execute(
            """
            SELECT set_config('schoolnet.actor', $1, true), set_config('schoolnet.token_id', coalesce($2::bigint::text, ''), true)
            """, [actor, tokenID])
    }

    /// The same, positionally: `AuditActor.set(actor, tokenID, on: conn)`.
    public static func set(_ actor: String, _ tokenID: Int64?, on conn: PQConnection) throws {
        try set(actor: actor, tokenID: tokenID, on: conn)
    }
}
