import NIOCore
import NIOHTTP1

/// Closes a connection whose request head is not complete within `deadline` of the request's first byte.
///
/// Hummingbird's idle timeout restarts on each decoded HTTP part, so a head trickled byte by byte is cut at the
/// idle timeout counted from the connection's start or the last response (30 s by default); this bounds the head
/// on its own, counted from its first byte, and shorter (`--header-timeout`, 10 s). Hummingbird adds this handler after its HTTP decoding; on being added it puts two watchers where they see
/// what they need: one at the front of the pipeline (raw bytes: the clock starts at the first byte received
/// while no request is open) and one right after the HTTP/1 decoder (the decoded head stops the clock; the
/// end of the response reopens it). Time between requests on a kept-alive connection is the idle timeout's.
final class HeaderDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    /// Passes everything on untouched (the default `channelRead`).
    typealias InboundIn = Never

    private let deadline: TimeAmount

    init(deadline: TimeAmount) {
        self.deadline = deadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let clock = Clock(deadline: deadline)
        let pipeline = context.pipeline.syncOperations
        do {
            let decoder = try pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(HeadWatcher(clock), position: .after(decoder.handler))
            try pipeline.addHandler(ByteWatcher(clock), position: .first)
        } catch {
            // Not an HTTP/1 pipeline as configured by Hummingbird: nothing to watch.
            context.fireErrorCaught(error)
        }
    }

    /// The state both watchers share; touched only on the channel's event loop.
    private final class Clock {
        let deadline: TimeAmount
        /// Heads received and responses ended: a head is awaited while they are equal.
        var heads = 0
        var responsesEnded = 0
        var timer: Scheduled<Void>?
        /// Where to close the channel from (the head watcher's context).
        var context: ChannelHandlerContext?

        init(deadline: TimeAmount) {
            self.deadline = deadline
        }

        func bytesArrived() {
            guard heads == responsesEnded, timer == nil, let context else { return }
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) { [weak self] in
                guard let self, self.heads == self.responsesEnded else { return }
                self.context?.close(promise: nil)
            }
        }

        func headArrived() {
            heads += 1
            timer?.cancel()
            timer = nil
        }

        func stop() {
            timer?.cancel()
            timer = nil
            context = nil
        }
    }

    /// Sees inbound bytes before the HTTP decoder and passes them on untouched.
    private final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let clock: Clock

        init(_ clock: Clock) {
            self.clock = clock
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if unwrapInboundIn(data).readableBytes > 0 { clock.bytesArrived() }
            context.fireChannelRead(data)
        }
    }

    /// Sees each decoded request head and each response's end.
    private final class HeadWatcher: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias InboundOut = HTTPServerRequestPart
        typealias OutboundIn = HTTPServerResponsePart
        typealias OutboundOut = HTTPServerResponsePart
        private let clock: Clock

        init(_ clock: Clock) {
            self.clock = clock
        }

        func handlerAdded(context: ChannelHandlerContext) {
            clock.context = context
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            clock.stop()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head = unwrapInboundIn(data) { clock.headArrived() }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { clock.responsesEnded += 1 }
            context.write(data, promise: promise)
        }
    }
}
