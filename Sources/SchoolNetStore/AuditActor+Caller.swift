import PQ
import SchoolNetDomain

extension AuditActor {
    /// Signs the transaction with `caller` as its credential says: a token's id, or a person's account id (web
    /// sessions), beside the display name. Every service writes through this one, so no credential is forgotten.
    public static func set(_ caller: Caller, on conn: PQConnection) throws {
        switch caller.credential {
        case .session(let accountID, _):
            try set(actor: caller.displayName, accountID: accountID, on: conn)
        case .token(let id):
            try set(actor: caller.displayName, tokenID: id, on: conn)
        case .databaseLogin:
            try set(actor: caller.displayName, tokenID: nil, on: conn)
        }
    }
}
