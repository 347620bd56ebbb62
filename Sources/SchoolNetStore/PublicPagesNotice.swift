import PQ

/// `NOTIFY public_pages` on behalf of a write the triggers of migration 0022 leave out (a new application): sent
/// after that write committed, in a transaction of its own that does not wait for its WAL flush (a notification
/// needs no durability), so the cluster-wide lock a notifying commit takes is held for an instant.
public struct PublicPagesNotice: Sendable {
    public static let channel = "public_pages"

    public init() {}

    public func announce(on conn: PQConnection) throws {
        _ = try conn.execute("SET LOCAL synchronous_commit TO off")
        _ = try conn.query("SELECT pg_notify($1, '')", [Self.channel])
    }
}
