import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain blocking TCP for tests that must control the bytes on the wire (half a header, idle
/// sockets); every blocking call runs on a thread of its own, never on Swift's cooperative pool.
enum RawTCP {
    /// Runs `body` on a new thread and awaits its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            Thread { c.resume(returning: body()) }.start()
        }
    }

    /// A connected socket to 127.0.0.1:`port`, reads time out after `timeout` seconds (a hang guard).
    static func connect(port: Int, timeout: Int = 30) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 { close(fd); return nil }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    enum ReadOutcome: Equatable {
        /// Bytes arrived (the start of an answer).
        case data(String)
        /// The server closed the connection.
        case closed
        /// Nothing arrived before the socket's read timeout.
        case timedOut
    }

    /// Reads until the server closes, the head of a response has arrived, or the read times out.
    static func read(_ fd: Int32) -> ReadOutcome {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                collected += buffer[0..<n]
                let text = String(decoding: collected, as: UTF8.self)
                if text.contains("\r\n\r\n") { return .data(text) }
                continue
            }
            if n == 0 { return collected.isEmpty ? .closed : .data(String(decoding: collected, as: UTF8.self)) }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return .closed }
            return collected.isEmpty ? .timedOut : .data(String(decoding: collected, as: UTF8.self))
        }
    }

    /// One GET on a fresh connection: the status code, or nil when no answer came (hang guard hit).
    static func get(port: Int, _ path: String, headers: String = "", timeout: Int = 30) async -> Int? {
        await onThread {
            guard let fd = connect(port: port, timeout: timeout) else { return nil }
            defer { close(fd) }
            send(fd, "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\(headers)\r\n")
            guard case .data(let text) = read(fd) else { return nil }
            return status(of: text)
        }
    }

    static func status(of text: String) -> Int? {
        let parts = text.split(separator: " ", maxSplits: 2)
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}

/// A TCP proxy in front of PostgreSQL that can stop forwarding, as a SIGSTOPped server would behave:
/// connections are accepted by the kernel, bytes are acknowledged, nothing ever comes back.
/// Freezing the proxy leaves the shared test cluster alone.
final class FreezableProxy: @unchecked Sendable {
    let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let lock = NSCondition()
    private var frozen = false
    private var stopped = false

    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw ProxyError() }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        self.listener = fd
        self.port = Int(UInt16(bigEndian: addr.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    struct ProxyError: Error {}

    func freeze() { lock.withLock { frozen = true } }

    func thaw() {
        lock.lock()
        frozen = false
        lock.broadcast()
        lock.unlock()
    }

    func stop() {
        lock.lock()
        stopped = true
        frozen = false
        lock.broadcast()
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Blocks while frozen; false once stopped.
    private func waitWhileFrozen() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while frozen && !stopped { lock.wait() }
        return !stopped
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        guard waitWhileFrozen(), let upstream = RawTCP.connect(port: upstreamPort, timeout: 0) else { close(client); return }
        Thread { [self] in
            pump(from: upstream, to: client)
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(upstream, Int32(SHUT_RDWR))
        }.start()
        pump(from: client, to: upstream)
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(upstream, Int32(SHUT_RDWR))
        // Let the other pump notice the shutdown before the descriptors go.
        Thread.sleep(forTimeInterval: 0.2)
        close(client)
        close(upstream)
    }

    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            // A frozen server acknowledges bytes but never answers: hold them here.
            guard waitWhileFrozen() else { return }
            var sent = 0
            while sent < n {
                let m = buffer[sent..<n].withUnsafeBytes { Glibc.send(destination, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if m <= 0 { return }
                sent += m
            }
        }
    }
}
