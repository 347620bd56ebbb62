import PQ

extension AuditActor {
    /// For what a person does with their own account (not a shared token): the audit log keeps the account's id
    /// (`audit_log.account_id`, migration 0016) beside the name, and no token id.
    public static func set(actor: String, accountID: Int64, on conn: PQConnection) throws {
        try set(actor: actor, tokenID: nil, on: conn)
        try conn.execute("SELECT set_config('schoolnet.account_id', $1::bigint::text, true)", [accountID])
    }
}
