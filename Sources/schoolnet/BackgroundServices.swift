import Foundation
import Logging
import PQ
import SchoolNetDomain
import SchoolNetMail
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

/// Issue 15's schedulers inside `serve`: every `interval`, the reminders and digests due now are written to the outbox
/// and due webhooks posted (`notify schedule --once` does one round for cron). Each step is safe beside other
/// servers doing the same (unique keys; SKIP LOCKED), so every server may run it.
struct NotificationScheduleService: Service {
    let pool: PQPool
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let round = try await NotificationRound.run(pool: pool, now: SystemTime().now())
                    if round.wroteAnything { logger.info("notifications scheduled", metadata: round.metadata) }
                } catch {
                    logger.warning("notification schedule failed, retried next round", metadata: ["error": .string("\(error)")])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

/// One round of the schedulers: reminders, digests, webhooks.
struct NotificationRound {
    var reminders = 0
    var digests = 0
    var webhooks = WebhookReport()

    var wroteAnything: Bool { reminders + digests + webhooks.delivered + webhooks.retrying + webhooks.parked > 0 }

    var metadata: Logger.Metadata {
        [
            "reminders": .stringConvertible(reminders), "digests": .stringConvertible(digests),
            "webhooks_delivered": .stringConvertible(webhooks.delivered), "webhooks_retrying": .stringConvertible(webhooks.retrying),
            "webhooks_parked": .stringConvertible(webhooks.parked)
        ]
    }

    var summary: String {
        "reminders written: \(reminders), digests written: \(digests), webhooks delivered: \(webhooks.delivered), "
            + "retrying: \(webhooks.retrying), parked: \(webhooks.parked)"
    }

    static func run(pool: PQPool, now: Date) async throws -> NotificationRound {
        var round = NotificationRound()
        round.reminders = try await ReminderScheduler(pool: pool).enqueueDue(now: now)
        round.digests = try await DigestScheduler(pool: pool).enqueueDue(now: now)
        round.webhooks = try await WebhookWorker(pool: pool, time: SystemTime()).runOnce()
        return round
    }
}
