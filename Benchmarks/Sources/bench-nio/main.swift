// The PostgresNIO peer: the same four workloads through PostgresNIO 1.33 (a PostgresConnection for
// round trips, decode and COPY; a PostgresClient for the pool), as its documentation shows them.
import BenchCommon
import Foundation
import Logging
import PostgresNIO

let peer = "nio"
let args = Arguments.parse(peer: peer)
let logger = Logger(label: "bench-nio", factory: { _ in SwiftLogNoOpLogHandler() })

guard let url = DatabaseURL(args.databaseURL) else { fail(peer, "cannot read DATABASE_URL") }

func connectionConfiguration() -> PostgresConnection.Configuration {
    PostgresConnection.Configuration(
        host: url.host, port: url.port, username: url.user, password: url.password,
        database: url.database, tls: .disable
    )
}

struct RoundTrip: PostgresPreparedStatement {
    static let sql = BenchSQL.roundtrip
    typealias Row = Int32
    var value: Int32
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(value)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Int32 { try row.decode(Int32.self) }
}

struct StudentByID: PostgresPreparedStatement {
    static let sql = BenchSQL.pool
    typealias Row = (Int32, String, Int16)
    var id: Int32
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
    let conn = try await PostgresConnection.connect(configuration: connectionConfiguration(), id: 1, logger: logger)
    do {
        let value = try await body(conn)
        try await conn.close()
        return value
    } catch {
        try? await conn.close()
        throw error
    }
}

func roundtrip(_ n: Int) async throws {
    try await withConnection { conn in
        for i in 0..<BenchSQL.warmup {
            for try await _ in try await conn.execute(RoundTrip(value: Int32(i)), logger: logger) {}
        }
        var checksum = 0
        let watch = Stopwatch()
        for i in 0..<n {
            for try await v in try await conn.execute(RoundTrip(value: Int32(i)), logger: logger) {
                checksum += Int(v)
            }
        }
        let elapsed = watch.stop()
        guard checksum == n * (n - 1) / 2 else { fail(peer, "roundtrip checksum \(checksum)") }
        report(peer: peer, workload: .roundtrip, ops: n, elapsed: elapsed)
    }
}

func decode(_ n: Int) async throws {
    try await withConnection { conn in
        var rows = 0, checksum = 0
        let watch = Stopwatch()
        let query = PostgresQuery(unsafeSQL: BenchSQL.decode, binds: {
            var b = PostgresBindings()
            b.append(Int32(n))
            return b
        }())
        let result = try await conn.query(query, logger: logger)
        for try await (id, name, at, amount) in result.decode((Int32, String, Date, Decimal).self) {
            checksum &+= Int(id) &+ name.utf8.count &+ Int(at.timeIntervalSinceReferenceDate) & 1
            checksum &+= amount.isZero ? 0 : 1
            rows += 1
        }
        let elapsed = watch.stop()
        guard rows == n else { fail(peer, "decode got \(rows) rows") }
        if checksum == 42 { print("") }
        report(peer: peer, workload: .decode, ops: rows, elapsed: elapsed)
    }
}

func copy(_ workload: Workload, _ n: Int, _ path: String) async throws {
    try await withConnection { conn in
        try await conn.query("TRUNCATE bench_copy", logger: logger)
        let file = try ChunkedFile(path: path)
        let allocator = ByteBufferAllocator()
        // PostgresNIO 1.33 offers COPY FROM only in FORMAT text; our CSV has no quotes, backslashes or tabs,
        // so FORMAT text with DELIMITER ',' reads the very same bytes into the very same rows. For `copy`
        // (CSV for the other peers) this is its closest equivalent; `copy_text` has every peer do this.
        var options = PostgresCopyFromFormat.TextOptions()
        options.delimiter = ","
        let watch = Stopwatch()
        try await conn.copyFrom(
            table: BenchSQL.copyTable, columns: BenchSQL.copyColumns, format: .text(options), logger: logger
        ) { writer in
            while true {
                var buffer = allocator.buffer(capacity: file.chunkSize)
                let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: file.chunkSize) { ptr in
                    file.read(into: UnsafeMutableRawBufferPointer(rebasing: ptr[..<file.chunkSize]))
                }
                if got == 0 { break }
                try await writer.write(buffer)
            }
        }
        let elapsed = watch.stop()
        var loaded = 0
        for try await count in try await conn.query("SELECT count(*)::int8 FROM bench_copy", logger: logger).decode(Int64.self) {
            loaded = Int(count)
        }
        guard loaded == n else { fail(peer, "copy loaded \(loaded) of \(n) rows") }
        report(peer: peer, workload: workload, ops: loaded, elapsed: elapsed)
    }
}

func pool(_ n: Int) async throws {
    var config = PostgresClient.Configuration(
        host: url.host, port: url.port, username: url.user, password: url.password,
        database: url.database, tls: .disable
    )
    config.options.maximumConnections = BenchSQL.poolTasks
    config.options.minimumConnections = BenchSQL.poolTasks
    let client = PostgresClient(configuration: config, backgroundLogger: logger)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }

        func runTasks(perTask: (Int) -> Int) async throws {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for t in 0..<BenchSQL.poolTasks {
                    let ops = perTask(t)
                    tasks.addTask {
                        for i in 0..<ops {
                            let id = Int32((t * 7919 + i) % BenchSQL.poolStudents + 1)
                            for try await row in try await client.execute(StudentByID(id: id), logger: logger) {
                                guard row.0 == id else { fail(peer, "wrong row") }
                            }
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
        group.cancelAll()
    }
}

do {
    switch args.workload {
    case .roundtrip: try await roundtrip(args.size)
    case .decode: try await decode(args.size)
    case .copy, .copyText: try await copy(args.workload, args.size, args.csvPath!)
    case .pool: try await pool(args.size)
    }
} catch {
    fail(peer, String(reflecting: error))
}
