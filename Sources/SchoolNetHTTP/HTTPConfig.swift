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

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodySize: Int = 64 * 1024, readinessTimeout: Duration = .seconds(2)) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.readinessTimeout = readinessTimeout
    }
}
