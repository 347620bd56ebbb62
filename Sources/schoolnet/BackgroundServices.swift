import Logging
import PQ
import SchoolNetService
import SchoolNetWeb
import ServiceLifecycle

/// Keeps the public pages' cache in step with the database: listens for `public_pages` notifications and empties
/// it on each; caching only while listening. Losing the database only pauses caching: it listens again when it can.
struct PageCacheService: Service {
    let cache: PublicPageCache
    let pool: PQPool
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await cache.listen(pool: pool)
                } catch {
                    logger.warning("page cache: cannot listen for changes, pages are rendered afresh", metadata: ["error": .string("\(error)")])
                }
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }
}

/// Deletes ended sessions and spent login counters (`AccountService.purgeEnded`) at start and every `interval`.
struct AccountHousekeepingService: Service {
    let accounts: AccountService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await accounts.purgeEndedPeriodically(every: interval) { outcome in
                switch outcome {
                case .success(let purged):
                    logger.info(
                        "housekeeping: ended sessions purged",
                        metadata: ["sessions": .stringConvertible(purged.sessions), "login_counters": .stringConvertible(purged.counters)])
                case .failure(let error):
                    logger.warning("housekeeping failed, retried next round", metadata: ["error": .string("\(error)")])
                }
            }
        }
    }
}
