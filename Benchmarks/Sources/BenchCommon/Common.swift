// What the Swift peers share: the command line, the workloads' SQL, timing, peak memory and the
// one machine-readable line each run prints. The C peer (c/bench_libpq.c) mirrors all of it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum Workload: String, CaseIterable, Sendable {
    case roundtrip, decode, copy, pool
    /// The same load as `copy`, in FORMAT text (DELIMITER ','): the one COPY format all three peers share.
    case copyText = "copy_text"

    public var isCopy: Bool { self == .copy || self == .copyText }

    /// The full-size run's size: calls, rows or queries.
    public var defaultSize: Int {
        switch self {
        case .roundtrip: 20_000
        case .decode: 1_000_000
        case .copy, .copyText: 1_000_000
        case .pool: 20_000
        }
    }
}

public enum BenchSQL {
    public static let roundtrip = "SELECT $1::int"
    /// 1. int4, 2. text, 3. timestamptz, 4. numeric (scale 2); $1 is the row count.
    public static let decode = """
        SELECT i::int4, 'student ' || i::text, \
        timestamptz '2020-01-01 00:00:00+00' + i * interval '1 second', \
        (i % 100000) * 0.01 \
        FROM generate_series(1, $1::int4) AS i
        """
    public static let copyTable = "bench_copy"
    public static let copyColumns = ["id", "full_name", "birth_date", "grade"]
    public static let copy = "COPY bench_copy (id, full_name, birth_date, grade) FROM STDIN (FORMAT csv)"
    /// What PostgresNIO's copyFrom sends for `.text` with delimiter ",".
    public static let copyText = "COPY bench_copy (id, full_name, birth_date, grade) FROM STDIN (FORMAT text, DELIMITER ',')"
    public static let pool = "SELECT id, full_name, grade FROM bench_student WHERE id = $1"
    public static let poolTasks = 16
    public static let poolStudents = 1_000
    public static let warmup = 200
}

public struct Arguments: Sendable {
    public var workload: Workload
    public var databaseURL: String
    public var size: Int
    public var csvPath: String?

    /// `WORKLOAD [DATABASE_URL] [SIZE] [CSV_FILE]`; DATABASE_URL may come from the environment.
    public static func parse(peer: String) -> Arguments {
        let args = Array(CommandLine.arguments.dropFirst())
        func usage() -> Never {
            writeFD(2, "usage: \(peer) roundtrip|decode|copy|copy_text|pool [DATABASE_URL] [SIZE] [CSV_FILE]\n")
            exit(2)
        }
        guard let first = args.first, let workload = Workload(rawValue: first) else { usage() }
        let env = getenv("DATABASE_URL").map { String(cString: $0) }
        guard let url = args.count > 1 ? args[1] : env else { usage() }
        let size = args.count > 2 ? (Int(args[2]) ?? workload.defaultSize) : workload.defaultSize
        let csv = args.count > 3 ? args[3] : nil
        if workload.isCopy && csv == nil {
            writeFD(2, "\(peer): copy needs SIZE and CSV_FILE\n")
            exit(2)
        }
        return Arguments(workload: workload, databaseURL: url, size: size, csvPath: csv)
    }
}

/// Seconds on the monotonic clock.
public func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of the whole process (all threads), user + system, in seconds.
public func cpuSeconds() -> Double {
    var ru = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &ru)
    #else
    getrusage(RUSAGE_SELF, &ru)
    #endif
    return Double(ru.ru_utime.tv_sec) + Double(ru.ru_utime.tv_usec) / 1e6
        + Double(ru.ru_stime.tv_sec) + Double(ru.ru_stime.tv_usec) / 1e6
}

/// Wall-clock and CPU time of the timed part of a workload.
public struct Stopwatch {
    let wall0: Double
    let cpu0: Double
    public init() {
        wall0 = now()
        cpu0 = cpuSeconds()
    }
    public func stop() -> (seconds: Double, cpu: Double) {
        let wall = now(), cpu = cpuSeconds()
        return (wall - wall0, cpu - cpu0)
    }
}

/// VmHWM: this process's peak resident set size, in MiB.
public func peakMegabytes() -> Double {
    guard let f = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), f) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if text.hasPrefix("VmHWM:") {
            let digits = text.dropFirst(6).filter { $0.isNumber }
            return (Double(String(digits)) ?? 0) / 1024
        }
    }
    return 0
}

public func report(peer: String, workload: Workload, ops: Int, elapsed: (seconds: Double, cpu: Double)) {
    let line = "peer=\(peer) workload=\(workload.rawValue) ops=\(ops) seconds=\(String(format6: elapsed.seconds)) "
        + "cpu_seconds=\(String(format6: elapsed.cpu)) peak_mb=\(String(format1: peakMegabytes()))\n"
    writeFD(1, line)
}

/// Writes straight to a file descriptor (1 or 2), unbuffered.
public func writeFD(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

public func fail(_ peer: String, _ message: String) -> Never {
    writeFD(2, "\(peer): \(message)\n")
    exit(1)
}

/// Reads a file in fixed-size chunks, reusing one buffer (the copy workload's source).
public final class ChunkedFile {
    let file: UnsafeMutablePointer<FILE>
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 16) throws(ChunkedFileError) {
        guard let f = fopen(path, "rb") else { throw ChunkedFileError(path: path) }
        self.file = f
        self.chunkSize = chunkSize
    }

    /// Calls `body` with each chunk; the buffer is only valid during the call.
    public func forEachChunk<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = fread(buffer, 1, chunkSize, file)
            if got == 0 { break }
            try body(UnsafeRawBufferPointer(start: buffer, count: got))
        }
    }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        fread(buffer.baseAddress, 1, buffer.count, file)
    }

    deinit { fclose(file) }
}

public struct ChunkedFileError: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "cannot open \(path)" }
}

extension String {
    init(format6 value: Double) { self = Self.fixed(value, 6) }
    init(format1 value: Double) { self = Self.fixed(value, 1) }
    static func fixed(_ value: Double, _ places: Int32) -> String {
        var buf = [CChar](repeating: 0, count: 64)
        _ = withVaList([places, value]) { vsnprintf(&buf, 64, "%.*f", $0) }
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// The parts of `postgresql://user[:password]@host[:port]/database` (PostgresNIO takes them apart).
public struct DatabaseURL: Sendable {
    public var user = "postgres"
    public var password: String?
    public var host = "127.0.0.1"
    public var port = 5432
    public var database: String?

    public init?(_ url: String) {
        var rest = Substring(url)
        for scheme in ["postgresql://", "postgres://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        guard rest.count < url.count else { return nil }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        if let slash = rest.firstIndex(of: "/") {
            let db = rest[rest.index(after: slash)...]
            database = db.isEmpty ? nil : String(db)
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let auth = rest[..<at]
            if let colon = auth.firstIndex(of: ":") {
                user = String(auth[..<colon])
                password = String(auth[auth.index(after: colon)...])
            } else {
                user = String(auth)
            }
            rest = rest[rest.index(after: at)...]
        }
        if let colon = rest.lastIndex(of: ":"), let p = Int(rest[rest.index(after: colon)...]) {
            port = p
            rest = rest[..<colon]
        }
        if !rest.isEmpty { host = String(rest) }
    }
}
