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
    /// Ending the iteration closes it.
    public func notifications(channel: String) -> AsyncThrowingStream<PQNotification, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: PQNotification.self, throwing: (any Error).self)
        let stopped = PQCancelFlag()
        continuation.onTermination = { _ in stopped.set(true) }
        let listener = PQListener(configuration: configuration, channel: channel, continuation: continuation, stopped: stopped)
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

    init(
        configuration: PQConfiguration, channel: String,
        continuation: AsyncThrowingStream<PQNotification, any Error>.Continuation, stopped: PQCancelFlag
    ) {
        self.configuration = configuration
        self.channel = channel
        self.continuation = continuation
        self.stopped = stopped
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
            if ready < 0 && errno != EINTR { connection = nil; continue }
            if ready > 0 {
                if PQconsumeInput(conn.handle) == 0 || PQstatus(conn.handle) != CONNECTION_OK {
                    connection = nil
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
        continuation.finish()
    }
}
