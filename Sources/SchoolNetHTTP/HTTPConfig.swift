/// Settings of the HTTP application; the CLI fills them from flags and the environment.
public struct HTTPConfig: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind; 0 picks a free one.
    public var port: Int
    /// Largest request body accepted, in bytes (413 above it).
    public var maxBodySize: Int
    /// How long `/readyz` waits for the readiness check before answering 503.
    public var readinessTimeout: Duration

    /// A connection that sends nothing for this long while a request is being read (half a header, a
    /// stalled body) or between requests is closed. Nil keeps connections open forever (not for production).
    public var idleTimeout: Duration?
    /// Open client connections at most; beyond it the server stops accepting (new connections wait in the
    /// listen backlog) until one closes. Nil for no cap.
    public var maxConnections: Int?
    /// A request's head (request line and headers) must be complete this long after its first byte, else the
    /// connection is closed (a head trickled byte by byte is otherwise bounded only by the idle timeout). Nil: none.
    public var headerTimeout: Duration?
    /// Backlog of the listening socket: connections beyond `maxConnections` wait here.
    public var backlog: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodySize: Int = 64 * 1024, readinessTimeout: Duration = .seconds(2),
        idleTimeout: Duration? = .seconds(30), maxConnections: Int? = 1024, backlog: Int = 256,
        headerTimeout: Duration? = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.readinessTimeout = readinessTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.backlog = backlog
        self.headerTimeout = headerTimeout
    }
}
