import Foundation
import NIOCore
import NIOSSL

/// One SMTP reply (RFC 5321 4.2): its three-digit code and the text of each of its lines.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
    /// "250 first line / next line": what an error message quotes.
    var summary: String { "\(code) " + lines.joined(separator: " / ") }
}

/// Cuts the bytes the server sends into replies (a line "250-..." continues, "250 ..." ends one) and hands each to the
/// oldest waiting `next`. Touched only on its channel's event loop (hence unchecked): `next` is called through
/// `eventLoop.flatSubmit`. A closed connection, a timeout or a TLS failure fails every waiter and every later `next`.
final class SMTPReplyReader: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var ready: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: MailTransportError?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            pending.removeSubrange(...end)
            take(String(decoding: line, as: UTF8.self))
        }
    }

    private func take(_ line: String) {
        let bytes = Array(line.utf8)
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        lines.append(text)
        if bytes.count >= 4 && bytes[3] == UInt8(ascii: "-") { return }
        let code = bytes.count >= 3 ? Int(String(decoding: bytes[..<3], as: UTF8.self)) ?? 0 : 0
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        if waiting.isEmpty {
            ready.append(reply)
        } else {
            waiting.removeFirst().succeed(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(MailTransportError("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError {
            // Whatever the close that follows says, this is the reason.
            let tlsFailure = MailTransportError("TLS handshake failed (is the server's certificate trusted?): \(error)")
            failure = tlsFailure
            fail(tlsFailure)
        } else {
            fail(MailTransportError("connection error: \(error)"))
        }
        context.close(promise: nil)
    }

    /// Why the connection can no longer be used, if it cannot.
    var failureNow: MailTransportError? { failure }

    private func fail(_ error: MailTransportError) {
        if failure == nil { failure = error }
        let waiters = waiting
        waiting = []
        for promise in waiters { promise.fail(failure ?? error) }
    }

    /// The next reply, or a failure after `timeout` (the connection is then closed: a late reply would be misread).
    func next(on eventLoop: any EventLoop, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty { return eventLoop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        let timer = eventLoop.scheduleTask(in: timeout) { [self] in
            guard let index = waiting.firstIndex(where: { $0.futureResult === promise.futureResult }) else { return }
            waiting.remove(at: index)
            let error = MailTransportError("no reply from the server within \(timeout.nanoseconds / 1_000_000_000) s")
            if failure == nil { failure = error }
            promise.fail(error)
            context?.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return promise.futureResult
    }
}
