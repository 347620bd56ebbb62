import PQ
import ServiceLifecycle

/// Keeps the database pool open while the server runs and closes it at graceful shutdown. Listed before the
/// HTTP server in the ServiceGroup, so it is shut down after the server has finished its in-flight requests.
struct PoolService: Service {
    let pool: PQPool

    func run() async throws {
        // Wait for the group's shutdown (or cancellation); the server is already gone by then.
        try? await gracefulShutdown()
        await self.pool.shutdown()
    }
}
