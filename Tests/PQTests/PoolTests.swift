import Foundation
import PQ
import Testing

/// Counts events from several tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var current: Int { lock.withLock { value } }
}

@Suite struct PoolTests {
    @Test func bodiesRunOnPoolThreadsNotCooperativeOnes() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 2)
        let (thread, isMain, one) = try await pool.withConnection { conn in
            (currentThreadName(), Thread.isMainThread, try conn.query("SELECT 1").first!.decode(0, as: Int.self))
        }
        #expect(thread.hasPrefix("PQ worker"))
        #expect(!isMain)
        #expect(one == 1)
        #expect(pool.stats == PQPoolStats(inUse: 0, idle: 1, waiting: 0))
        await pool.shutdown()
    }

    @Test func twoHundredTasksShareFourConnectionsWhileCooperativeTasksProgress() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 4)
        let finished = Counter()
        let ticks = Counter()
        let maxInUse = Counter()
        let offPool = Counter()
        let ticker = Task {
            // Must keep running while 200 queries wait on the network: no cooperative thread is blocked.
            var ticksWhileBusy = 0
            while finished.current < 200 {
                try? await Task.sleep(for: .milliseconds(5))
                ticks.increment()
                if finished.current > 0 && finished.current < 200 { ticksWhileBusy += 1 }
                if pool.stats.inUse > 4 { maxInUse.increment() }
            }
            return ticksWhileBusy
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let thread = try await pool.withConnection { conn in
                        _ = try conn.query("SELECT pg_sleep(0.05)")
                        return currentThreadName()
                    }
                    if !thread.hasPrefix("PQ worker") { offPool.increment() }
                    finished.increment()
                }
            }
            try await group.waitForAll()
        }
        let busyTicks = await ticker.value
        #expect(finished.current == 200)
        #expect(busyTicks >= 5)
        #expect(maxInUse.current == 0)
        #expect(offPool.current == 0)
        let backends: Int = try await pool.withConnection { conn in
            try conn.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
                [conn.configuration.applicationName ?? ""]
            ).first!.decode(0)
        }
        #expect(backends <= 4)
        await pool.shutdown()
    }

    @Test func acquireTimesOutWithClearError() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 1, acquireTimeout: .milliseconds(100))
        let release = DispatchSemaphore(value: 0)
        let started = Counter()
        let holder = Task {
            try await pool.withConnection { _ in
                started.increment()
                release.wait()
            }
        }
        while started.current == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(pool.stats.inUse == 1)
        let error = await #expect(throws: PQError.self) { try await pool.withConnection { _ in } }
        #expect(error?.kind == .poolTimeout)
        release.signal()
        try await holder.value
        #expect(try await pool.withConnection { try $0.query("SELECT 5").first!.decode(0, as: Int.self) } == 5)
        await pool.shutdown()
    }

    @Test func cancellingTheTaskCancelsTheQueryOnTheServer() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 1)
        let pid = try await pool.withConnection { $0.backendPID }
        let sleeper = Task { try await pool.withConnection { conn in try conn.query("SELECT pg_sleep(60)") } }
        let watcher = try SuiteDatabase.connect("pool")
        while try watcher.query(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep(60)%' AND state = 'active'",
            [Int32(pid)]
        ).first!.decode(0, as: Int.self) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        sleeper.cancel()
        let result = await sleeper.result
        let error = try #require(result.failureAsPQError)
        #expect(error.kind == .queryCanceled)
        // The same connection serves the next request.
        #expect(try await pool.withConnection { $0.backendPID } == pid)
        await pool.shutdown()
    }

    @Test func cancelledTransactionRollsBack() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 1)
        let table = "cancel_tx_\(UInt32.random(in: 0...UInt32.max))"
        try await pool.withConnection { try $0.executeScript("CREATE TABLE \(table) (n int)") }
        let pid = try await pool.withConnection { $0.backendPID }
        let task = Task {
            try await pool.withTransaction { conn in
                try conn.execute("INSERT INTO \(table) VALUES (1)")
                try conn.query("SELECT pg_sleep(60)")
            }
        }
        let watcher = try SuiteDatabase.connect("pool")
        while try watcher.query(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep(60)%' AND state = 'active'",
            [Int32(pid)]
        ).first!.decode(0, as: Int.self) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        #expect(await task.result.failureAsPQError?.kind == .queryCanceled)
        #expect(try await pool.withConnection { try $0.query("SELECT count(*) FROM \(table)").first!.decode(0, as: Int.self) } == 0)
        await pool.shutdown()
    }

    @Test func statementTimeoutPerCall() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 1)
        let error = await #expect(throws: PQError.self) {
            try await pool.withConnection(statementTimeout: .milliseconds(50)) { try $0.query("SELECT pg_sleep(5)") }
        }
        #expect(error?.kind == .queryCanceled)
        let after: String = try await pool.withConnection { try $0.query("SHOW statement_timeout").first!.decode(0) }
        #expect(after == "0")
        let inTx = await #expect(throws: PQError.self) {
            try await pool.withTransaction(statementTimeout: .milliseconds(50)) { try $0.query("SELECT pg_sleep(5)") }
        }
        #expect(inTx?.kind == .queryCanceled)
        await pool.shutdown()
    }

    @Test func terminatedBackendIsReplaced() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 1)
        let admin = try SuiteDatabase.connect("pool")

        // Killed while idle: the next request gets a fresh connection.
        let first = try await pool.withConnection { $0.backendPID }
        try admin.query("SELECT pg_terminate_backend($1)", [Int32(first)])
        while try admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [Int32(first)]).first!.decode(0, as: Int.self) > 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        let second = try await pool.withConnection { try $0.query("SELECT pg_backend_pid()").first!.decode(0, as: Int32.self) }
        #expect(second != first)

        // Killed mid-query: that request fails as a connection error, the next one succeeds.
        let victim = Task { try await pool.withConnection { try $0.query("SELECT pg_sleep(30)") } }
        while try admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [Int32(second)]).first!.decode(0, as: Int.self) == 0
        {
            try await Task.sleep(for: .milliseconds(10))
        }
        try admin.query("SELECT pg_terminate_backend($1)", [Int32(second)])
        let error = try #require(await victim.result.failureAsPQError)
        #expect(error.kind == .connection)
        let third = try await pool.withConnection { $0.backendPID }
        #expect(third != second)
        #expect(try await pool.withConnection { try $0.query("SELECT 1").first!.decode(0, as: Int.self) } == 1)
        await pool.shutdown()
    }

    @Test func transactionsRetryAndRollBack() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool", setup: nil), size: 2)
        try await pool.withConnection { try $0.executeScript("CREATE TABLE IF NOT EXISTS pool_tx_\(1) (n int)") }
        let attempts = Counter()
        try await pool.withTransaction(isolation: .serializable, retries: 5) { conn in
            attempts.increment()
            try conn.execute("INSERT INTO pool_tx_1 VALUES ($1)", [Int32(attempts.current)])
            if attempts.current < 3 { try conn.executeScript("DO $$ BEGIN RAISE EXCEPTION 'c' USING ERRCODE = '40001'; END $$") }
        }
        #expect(attempts.current == 3)
        struct Nope: Error {}
        await #expect(throws: Nope.self) {
            try await pool.withTransaction { conn in
                try conn.execute("INSERT INTO pool_tx_1 VALUES (100)")
                throw Nope()
            }
        }
        let values: [Int] = try await pool.withConnection { try $0.query("SELECT n FROM pool_tx_1 ORDER BY n").decode(Int.self) }
        #expect(values == [3])
        // A body that leaves a transaction open does not pass it to the next user.
        try await pool.withConnection { try $0.executeScript("BEGIN; INSERT INTO pool_tx_1 VALUES (200)") }
        let open = try await pool.withConnection { $0.isInTransaction }
        #expect(!open)
        await pool.shutdown()
    }

    @Test func unreachableServerFailsFastAndFreesTheSlot() async throws {
        var config = PQConfiguration("postgresql://nobody:pw-not-shown@127.0.0.1:1/none")
        config.connectTimeout = 2
        let pool = PQPool(configuration: config, size: 1, acquireTimeout: .seconds(5))
        for _ in 0..<2 {
            let error = await #expect(throws: PQError.self) { try await pool.withConnection { _ in } }
            #expect(error?.kind == .connection)
            #expect(error.map { "\($0)" }?.contains("pw-not-shown") == false)
        }
        #expect(pool.stats.inUse == 0)
        await pool.shutdown()
    }

    @Test func shutdownWaitsForRunningBodiesAndRefusesNewOnes() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("pool"), size: 2)
        let started = Counter()
        let running = Task {
            try await pool.withConnection { conn in
                started.increment()
                return try conn.query("SELECT pg_sleep(0.2), 7").first!.decode(1, as: Int.self)
            }
        }
        while started.current == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await pool.shutdown()
        #expect(try await running.value == 7)
        #expect(pool.stats.inUse == 0)
        let error = await #expect(throws: PQError.self) { try await pool.withConnection { _ in } }
        #expect(error?.kind == .connection)
    }
}

/// The OS name of the calling thread (cooperative pool threads are named by Dispatch).
func currentThreadName() -> String {
    let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return comm.trimmingCharacters(in: .whitespacesAndNewlines)
}

extension Result {
    var failureAsPQError: PQError? {
        if case .failure(let error) = self { return error as? PQError }
        return nil
    }
}
