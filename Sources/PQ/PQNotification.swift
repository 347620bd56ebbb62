import CLibPQ
import Foundation

/// A NOTIFY received on a LISTENed channel.
public struct PQNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    /// The server process that sent it.
    public let senderPID: Int32
}

extension PQPool {
    /// Notifications on `channel` from a dedicated connection and thread (not taken from the pool).
    /// The connection is re-established after a failure; notifications sent meanwhile are lost.
    /// Ending the iteration closes it. `onListening` hears `true` each time the channel is listened to (at first and
    /// after every reconnection) and `false` when the connection is lost: a consumer that must not miss a notification
    /// (a cache) treats the time between as "anything may have changed".
    public func notifications(
        channel: String, onListening: @escaping @Sendable (Bool) -> Void = { _ in }
    ) -> AsyncThrowingStream<PQNotification, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: PQNotification.self, throwing: (any Error).self)
        let stopped = PQCancelFlag()
        continuation.onTermination = { _ in stopped.set(true) }
        let listener = PQListener(
            configuration: configuration, channel: channel, continuation: continuation, stopped: stopped, onListening: onListening)
        let thread = Thread {
            PQWorker.nameCurrentThread("PQ listener")
            listener.run()
        }
        thread.start()
        return stream
    }
}

/// The loop behind `notifications(channel:)`: poll the socket, PQconsumeInput, drain PQnotifies.
private final class PQListener: @unchecked Sendable {
    let configuration: PQConfiguration
    let channel: String
    let continuation: AsyncThrowingStream<PQNotification, any Error>.Continuation
    let stopped: PQCancelFlag
    let onListening: @Sendable (Bool) -> Void

    init(
        configuration: PQConfiguration, channel: String,
        continuation: AsyncThrowingStream<PQNotification, any Error>.Continuation, stopped: PQCancelFlag,
        onListening: @escaping @Sendable (Bool) -> Void
    ) {
        self.configuration = configuration
        self.channel = channel
        self.continuation = continuation
        self.stopped = stopped
        self.onListening = onListening
    }

    func run() {
        var connection: PQConnection? = nil
        var everConnected = false
        var failures = 0
        while !stopped.isCancelled {
            if connection == nil {
                do {
                    let conn = try PQConnection(configuration)
                    try conn.command("LISTEN \(try conn.escapeIdentifier(channel))")
                    connection = conn
                    everConnected = true
                    failures = 0
                    onListening(true)
                } catch {
                    // The first connect failing is a configuration problem worth reporting; later
                    // ones are the server restarting, worth waiting for.
                    if !everConnected { continuation.finish(throwing: error); return }
                    failures += 1
                    Thread.sleep(forTimeInterval: PQBackoff.delay(attempt: failures))
                    continue
                }
            }
            guard let conn = connection else { continue }
            // A short poll timeout lets the loop notice the consumer went away.
            var fds = pollfd(fd: PQsocket(conn.handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 200)
            if ready < 0 && errno != EINTR {
                connection = nil
                onListening(false)
                continue
            }
            if ready > 0 {
                if PQconsumeInput(conn.handle) == 0 || PQstatus(conn.handle) != CONNECTION_OK {
                    connection = nil
                    onListening(false)
                    continue
                }
                while let raw = PQnotifies(conn.handle) {
                    let note = PQNotification(
                        channel: String(cString: raw.pointee.relname),
                        payload: String(cString: raw.pointee.extra),
                        senderPID: raw.pointee.be_pid)
                    PQfreemem(raw)
                    continuation.yield(note)
                }
            }
        }
        if connection != nil { onListening(false) }
        continuation.finish()
    }
}
