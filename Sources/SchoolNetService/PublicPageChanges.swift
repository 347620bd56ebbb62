import PQ
import SchoolNetStore

/// Changes to what the public pages show (events, places taken, results, names): statements on the rarely written
/// tables send `NOTIFY public_pages` themselves (migration 0022), and a server announces the writes it answered
/// (`announce`), so every server hears of every change at once. The web pages' cache listens here
/// (docs/DESIGN.md item 32).
public enum PublicPageChanges {
    public static let channel = PublicPagesNotice.channel

    /// Each change, from a connection of its own (not one of `pool`'s); `onListening` hears `true` once listening
    /// (again) and `false` when the connection is lost: notifications sent meanwhile are lost, so a cache must
    /// treat that time as "anything may have changed".
    public static func stream(
        pool: PQPool, onListening: @escaping @Sendable (Bool) -> Void
    ) -> AsyncThrowingStream<PQNotification, any Error> {
        pool.notifications(channel: channel, onListening: onListening)
    }

    /// Tells every server that something a public page shows may have changed (after the change committed).
    public static func announce(pool: PQPool) async throws {
        try await pool.withTransaction { conn in try PublicPagesNotice().announce(on: conn) }
    }
}
