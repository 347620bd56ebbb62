import Foundation

/// Counts well-formed but unknown tokens per client address (a token bucket each): an address that spends its
/// `burst` is refused for a while with 429 before any database lookup, so a flood of guessed tokens from one
/// address costs the database nothing and does not slow real registrations. Real callers never touch it: a valid
/// token takes nothing from the bucket, in flight or answered. Memory is bounded: at most `maxAddresses` are tracked.
public final class BadTokenLimiter: @unchecked Sendable {
    /// How many unknown tokens an address may send at once.
    public let burst: Double
    /// How many more it may send per second after that.
    public let refillPerSecond: Double
    public let maxAddresses: Int

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    private let clock = ContinuousClock()

    /// 20 unknown tokens at once, then one every 3 seconds.
    public init(burst: Int = 20, refillPerSecond: Double = 1.0 / 3, maxAddresses: Int = 10_000) {
        precondition(burst >= 1 && refillPerSecond > 0 && maxAddresses >= 1)
        self.burst = Double(burst)
        self.refillPerSecond = refillPerSecond
        self.maxAddresses = maxAddresses
    }

    /// Before a lookup: nil when `address` may present a token, or the whole seconds until it may again. Takes
    /// nothing: only a token found unknown is charged (`charge`), so valid lookups in flight, however many (64
    /// connections of a busy school, or everyone behind one reverse proxy), never spend the bucket.
    public func admit(_ address: String) -> Int? {
        let now = self.clock.now
        return self.lock.withLock {
            guard let bucket = self.buckets[address] else { return nil }
            let tokens = self.refilled(bucket, at: now)
            return tokens >= 1 ? nil : max(1, Int(((1 - tokens) / self.refillPerSecond).rounded(.up)))
        }
    }

    /// After a lookup that found no such token: takes one from `address`'s bucket.
    public func charge(_ address: String) {
        let now = self.clock.now
        self.lock.withLock {
            var bucket = self.buckets[address] ?? Bucket(tokens: self.burst, updated: now)
            bucket.tokens = max(0, self.refilled(bucket, at: now) - 1)
            bucket.updated = now
            if self.buckets[address] == nil, self.buckets.count >= self.maxAddresses { self.evict(at: now) }
            self.buckets[address] = bucket
        }
    }

    /// How many addresses are tracked (for tests of the bound).
    public var trackedAddresses: Int { self.lock.withLock { self.buckets.count } }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(self.burst, bucket.tokens + seconds * self.refillPerSecond)
    }

    /// Forgets the addresses whose buckets are full again; if none are, the emptiest half goes (called under the lock).
    private func evict(at now: ContinuousClock.Instant) {
        self.buckets = self.buckets.filter { self.refilled($0.value, at: now) < self.burst }
        if self.buckets.count >= self.maxAddresses {
            let kept = self.buckets.sorted { self.refilled($0.value, at: now) < self.refilled($1.value, at: now) }.prefix(self.maxAddresses / 2)
            self.buckets = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }
}
