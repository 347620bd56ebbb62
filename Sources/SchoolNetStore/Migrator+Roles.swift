import PQ

/// The least-privilege roles of migration 0014: the owner migrates, `schoolnet_runtime` serves.
extension Migrator {
    /// The group role `schoolnet serve` and the CLI log in as a member of: rows only, no DDL, no audit_log.
    public static let runtimeRole = "schoolnet_runtime"

    /// What is wrong with the login for serving requests, one sentence each; empty for a runtime login.
    /// A superuser or the tables' owner can alter the audit log, drop tables and disable triggers, so a bug or
    /// an injected statement could too: `schoolnet serve` logs each of these loudly at start-up.
    public static func loginWarnings(_ conn: PQConnection) throws -> [String] {
        guard
            let row = try conn.query(
                """
                SELECT current_user::text,
                       r.rolsuper,
                       EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace),
                       has_schema_privilege(r.oid, 'public', 'CREATE'),
                       coalesce(pg_has_role(r.oid, (SELECT oid FROM pg_roles WHERE rolname = $1), 'MEMBER'), false)
                FROM pg_roles r WHERE r.rolname = current_user
                """, [runtimeRole]
            ).first
        else { return [] }
        let user: String = try row.decode(0)
        var warnings: [String] = []
        if try row.decode(1, as: Bool.self) {
            warnings.append(
                "the database login \"\(user)\" is a SUPERUSER: it can alter the audit log, drop tables and disable triggers; "
                    + "serve as a member of \(runtimeRole) instead (schoolnet db grant-runtime LOGIN)")
        } else if try row.decode(2, as: Bool.self) {
            warnings.append(
                "the database login \"\(user)\" OWNS SchoolNet's tables: it can alter the audit log, drop tables and disable "
                    + "triggers; it is for `schoolnet db migrate` only, serve as a member of \(runtimeRole) (schoolnet db grant-runtime LOGIN)")
        } else if try row.decode(3, as: Bool.self) {
            warnings.append("the database login \"\(user)\" may create objects in schema public; serve as a member of \(runtimeRole)")
        } else if !(try row.decode(4, as: Bool.self)) {
            warnings.append("the database login \"\(user)\" is not a member of \(runtimeRole): requests will fail for want of rights")
        }
        return warnings
    }

    /// Makes an existing login role a member of `schoolnet_runtime`; refuses a superuser or a role owning tables here.
    /// Needs CREATEROLE (or ADMIN on the group role): run it as the owner or the cluster's administrator.
    public static func grantRuntime(role: String, on conn: PQConnection) throws {
        guard
            let row = try conn.query(
                """
                SELECT r.rolsuper,
                       EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)
                FROM pg_roles r WHERE r.rolname = $1
                """, [role]
            ).first
        else { throw RoleRefusal.noSuchRole(role) }
        if try row.decode(0, as: Bool.self) { throw RoleRefusal.superuser(role) }
        if try row.decode(1, as: Bool.self) { throw RoleRefusal.owner(role) }
        try conn.execute("GRANT \(runtimeRole) TO \(try conn.escapeIdentifier(role))")
    }
}

/// Why `grantRuntime` refused a role.
public enum RoleRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchRole(String)
    case superuser(String)
    case owner(String)

    public var description: String {
        switch self {
        case let .noSuchRole(role): "role \"\(role)\" does not exist: create it first (CREATE ROLE \(role) LOGIN PASSWORD '...')"
        case let .superuser(role): "role \"\(role)\" is a superuser: the runtime rights would mean nothing, use a separate login role"
        case let .owner(role): "role \"\(role)\" owns SchoolNet's tables: it migrates; serve with a separate login role"
        }
    }
}
