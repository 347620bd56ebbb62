/// Prepared statements of one connection, least recently used evicted first.
/// Keyed by SQL text and parameter types, since a statement is prepared for fixed parameter types.
struct PQStatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]
    }

    private var entries: [Key: (name: String, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var nextID = 0
    let capacity: Int
    /// Evicted statements still prepared on the server, deallocated when no transaction is open
    /// (DEALLOCATE fails inside an aborted transaction).
    private(set) var pendingDeallocation: [String] = []

    init(capacity: Int) { self.capacity = capacity }

    var isEnabled: Bool { capacity > 0 }
    var count: Int { entries.count }

    /// Hashes the key once (it holds the whole SQL text): the LRU clock is bumped through the index.
    mutating func lookup(_ key: Key) -> String? {
        guard let index = entries.index(forKey: key) else { return nil }
        clock &+= 1
        entries.values[index].lastUse = clock
        return entries.values[index].name
    }

    /// A fresh statement name for `key`; record it with `insert` once the server accepted it.
    mutating func makeName() -> String {
        nextID += 1
        return "pq_\(nextID)"
    }

    mutating func insert(_ key: Key, name: String) {
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            pendingDeallocation.append(oldest.value.name)
        }
        clock &+= 1
        entries[key] = (name, clock)
    }

    /// Forgets a statement the server no longer has (or whose plan became invalid).
    mutating func remove(_ key: Key) -> String? { entries.removeValue(forKey: key)?.name }

    /// Forgets a statement that still exists on the server but must not be used again.
    mutating func retire(_ key: Key) {
        if let name = entries.removeValue(forKey: key)?.name { pendingDeallocation.append(name) }
    }

    mutating func takePendingDeallocation() -> [String] {
        defer { pendingDeallocation = [] }
        return pendingDeallocation
    }

    /// After a reconnect the server has none of our statements.
    mutating func clear() {
        entries = [:]
        pendingDeallocation = []
    }
}
