// The PQ peer: the same four workloads through SchoolNet's own libpq wrapper, written the way
// SchoolNet's code uses it (docs/PQ-API.md): query with parameters, decode into Swift values,
// copyIn for COPY, PQPool for concurrent async callers.
import BenchCommon
import Foundation
import PQ

let peer = "pq"
let args = Arguments.parse(peer: peer)

func configuration() -> PQConfiguration {
    var config = PQConfiguration(args.databaseURL)
    config.applicationName = "bench-pq"
    return config
}

func roundtrip(_ n: Int) throws {
    let conn = try PQConnection(configuration())
    for i in 0..<BenchSQL.warmup { _ = try conn.query(BenchSQL.roundtrip, [Int32(i)]) }
    var checksum = 0
    let watch = Stopwatch()
    for i in 0..<n {
        for row in try conn.query(BenchSQL.roundtrip, [Int32(i)]) {
            let v: Int32 = try row.decode(0)
            checksum += Int(v)
        }
    }
    let elapsed = watch.stop()
    guard checksum == n * (n - 1) / 2 else { fail(peer, "roundtrip checksum \(checksum)") }
    report(peer: peer, workload: .roundtrip, ops: n, elapsed: elapsed)
}

func decode(_ n: Int) throws {
    let conn = try PQConnection(configuration())
    var rows = 0, checksum = 0
    let watch = Stopwatch()
    try conn.stream(BenchSQL.decode, [Int32(n)]) { row in
        let id: Int32 = try row.decode(0)
        let name: String = try row.decode(1)
        let at: Date = try row.decode(2)
        let amount: Decimal = try row.decode(3)
        checksum &+= Int(id) &+ name.utf8.count &+ Int(at.timeIntervalSinceReferenceDate) & 1
        checksum &+= amount.isZero ? 0 : 1
        rows += 1
    }
    let elapsed = watch.stop()
    guard rows == n else { fail(peer, "decode got \(rows) rows") }
    if checksum == 42 { print("") }
    report(peer: peer, workload: .decode, ops: rows, elapsed: elapsed)
}

func copy(_ workload: Workload, _ n: Int, _ path: String) throws {
    let conn = try PQConnection(configuration())
    _ = try conn.execute("TRUNCATE bench_copy")
    let file = try ChunkedFile(path: path)
    let watch = Stopwatch()
    let sql = workload == .copyText ? BenchSQL.copyText : BenchSQL.copy
    let loaded = try conn.copyIn(sql) { writer in
        try file.forEachChunk { chunk in try writer.write(chunk) }
    }
    let elapsed = watch.stop()
    guard loaded == n else { fail(peer, "copy loaded \(loaded) of \(n) rows") }
    report(peer: peer, workload: workload, ops: Int(loaded), elapsed: elapsed)
}

func pool(_ n: Int) async throws {
    let pool = PQPool(configuration: configuration(), size: BenchSQL.poolTasks)
    func runTasks(perTask: (Int) -> Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for t in 0..<BenchSQL.poolTasks {
                let ops = perTask(t)
                tasks.addTask {
                    for i in 0..<ops {
                        let id = Int32((t * 7919 + i) % BenchSQL.poolStudents + 1)
                        let got: Int32 = try await pool.withConnection { conn in
                            var first: Int32 = -1
                            for row in try conn.query(BenchSQL.pool, [id]) {
                                first = try row.decode(0)
                                let _: String = try row.decode(1)
                                let _: Int16 = try row.decode(2)
                            }
                            return first
                        }
                        guard got == id else { fail(peer, "wrong row") }
                    }
                }
            }
            try await tasks.waitForAll()
        }
    }
    // Warm-up: every connection opened and the statement prepared on each, as the C peer does before timing.
    try await runTasks { _ in 4 }
    let watch = Stopwatch()
    try await runTasks { t in n / BenchSQL.poolTasks + (t < n % BenchSQL.poolTasks ? 1 : 0) }
    let elapsed = watch.stop()
    report(peer: peer, workload: .pool, ops: n, elapsed: elapsed)
    await pool.shutdown()
}

do {
    switch args.workload {
    case .roundtrip: try roundtrip(args.size)
    case .decode: try decode(args.size)
    case .copy, .copyText: try copy(args.workload, args.size, args.csvPath!)
    case .pool: try await pool(args.size)
    }
} catch {
    fail(peer, String(reflecting: error))
}
