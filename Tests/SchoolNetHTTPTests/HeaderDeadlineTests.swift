import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SchoolNetHTTP
import Testing

/// A client that trickles its request head a byte at a time is cut off once the head is not complete within the
/// header deadline of its first byte, whatever the idle timeout; a kept-alive connection between requests is not.
@Suite struct HeaderDeadlineTests {
    enum Trickle: Equatable {
        /// The server closed the connection after this many bytes.
        case closed(afterBytes: Int)
        /// An answer came: the whole head got through.
        case answered(String)
    }

    /// Sends `text` one byte per second (the socket's one-second read timeout is the pause), watching for the close.
    static func trickle(_ text: String, port: Int) async -> Trickle {
        await RawTCP.onThread {
            guard let fd = RawTCP.connect(port: port, timeout: 1) else { return .closed(afterBytes: 0) }
            defer { close(fd) }
            let bytes = Array(text.utf8)
            var buffer = [UInt8](repeating: 0, count: 4096)
            for (index, byte) in bytes.enumerated() {
                let sent = [byte].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }
                if sent != 1 { return .closed(afterBytes: index) }
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 { return .answered(String(decoding: buffer[0..<n], as: UTF8.self)) }
                if n == 0 || errno == ECONNRESET { return .closed(afterBytes: index + 1) }
                // EAGAIN: a second passed with nothing from the server; send the next byte
            }
            var tv = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            if case .data(let answer) = RawTCP.read(fd) { return .answered(answer) }
            return .closed(afterBytes: bytes.count)
        }
    }

    @Test func aClientTricklingItsHeadIsDisconnectedThoughNeverIdle() async throws {
        var http = HTTPConfig()
        // Hummingbird's idle timer restarts on each decoded HTTP part, so a trickled head is also cut at the idle
        // timeout; set far beyond the head's ~53 s here, only the header deadline can end it first.
        http.idleTimeout = .seconds(120)
        http.headerTimeout = .seconds(2)
        try await ReliabilityTests.serve(http, .failing) { port in
            // 53 bytes at one a second: without the deadline the whole head gets through and is answered.
            let head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n\r\n"
            let outcome = await Self.trickle(head, port: port)
            guard case .closed(let sent) = outcome else {
                Issue.record("the trickled request was served: \(outcome)")
                return
            }
            #expect(sent < head.utf8.count, "closed only after the whole head")
        }
    }

    @Test func aKeptAliveConnectionMayWaitLongerThanTheDeadlineBetweenRequests() async throws {
        var http = HTTPConfig()
        http.idleTimeout = .seconds(30)
        http.headerTimeout = .seconds(1)
        try await ReliabilityTests.serve(http, .failing) { port in
            let statuses = await RawTCP.onThread { () -> [Int?] in
                guard let fd = RawTCP.connect(port: port, timeout: 30) else { return [] }
                defer { close(fd) }
                var statuses: [Int?] = []
                for _ in 0..<2 {
                    RawTCP.send(fd, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    if case .data(let text) = RawTCP.read(fd) { statuses.append(RawTCP.status(of: text)) } else { statuses.append(nil) }
                    // longer than the header deadline, shorter than the idle timeout: no request is being read
                    Thread.sleep(forTimeInterval: 2.5)
                }
                return statuses
            }
            #expect(statuses == [200, 200])
        }
    }
}
