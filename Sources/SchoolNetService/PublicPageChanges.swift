import PQ

/// Changes to what the public pages show (events, places taken, results, names): every statement that makes one
/// sends `NOTIFY public_pages` (migration 0022), delivered to every server at commit. The web pages' cache listens
/// here (docs/DESIGN.md item 32).
public enum PublicPageChanges {
    public static let channel = "public_pages"

    /// Each change, from a connection of its own (not one of `pool`'s); `onListening` hears `true` once listening
    /// (again) and `false` when the connection is lost: notifications sent meanwhile are lost, so a cache must
    /// treat that time as "anything may have changed".
    public static func stream(
        pool: PQPool, onListening: @escaping @Sendable (Bool) -> Void
    ) -> AsyncThrowingStream<PQNotification, any Error> {
        pool.notifications(channel: channel, onListening: onListening)
    }
}
