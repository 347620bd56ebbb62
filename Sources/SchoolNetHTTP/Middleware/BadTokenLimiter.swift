import Foundation

/// Counts well-formed but unknown tokens per client address (a token bucket each): an address that spends its
/// `burst` is refused for a while with 429 before any database lookup, so a flood of guessed tokens from one
/// address costs the database nothing and does not slow real registrations. Real callers never touch it: a valid
/// token takes nothing from the bucket. Memory is bounded: at most `maxAddresses` are tracked.
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

    /// Before a lookup: nil, having taken one from `address`'s bucket (give it back with `refund` when the token
    /// turns out valid), or the whole seconds until it may present a token again. Taking before the lookup bounds
    /// the unknown tokens an address has in flight at once, however many connections it opens.
    public func admit(_ address: String) -> Int? {
        let now = self.clock.now
        return self.lock.withLock {
            var bucket = self.buckets[address] ?? Bucket(tokens: self.burst, updated: now)
            let tokens = self.refilled(bucket, at: now)
            guard tokens >= 1 else { return max(1, Int(((1 - tokens) / self.refillPerSecond).rounded(.up))) }
            bucket.tokens = tokens - 1
            bucket.updated = now
            if self.buckets[address] == nil, self.buckets.count >= self.maxAddresses { self.evict(at: now) }
            self.buckets[address] = bucket
            return nil
        }
    }

    /// After a lookup that found a valid token: gives back what `admit` took, so real callers never spend anything.
    public func refund(_ address: String) {
        let now = self.clock.now
        self.lock.withLock {
            guard var bucket = self.buckets[address] else { return }
            bucket.tokens = min(self.burst, self.refilled(bucket, at: now) + 1)
            bucket.updated = now
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
