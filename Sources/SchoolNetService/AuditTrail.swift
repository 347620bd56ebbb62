import PQ

// Who the audit triggers record for this transaction. The store's AuditActor.set will replace this
// once it lands; the settings are the ones docs/SCHEMA.md names.
enum AuditTrail {
    static func set(_ caller: Caller, on conn: PQConnection) throws {
        try conn.query(
            "SELECT set_config('schoolnet.actor', $1, true), set_config('schoolnet.token_id', $2, true)",
            [caller.displayName, caller.tokenID.map(String.init) ?? ""]
        )
    }
}
