import NIOCore

/// Enforces ``HTTPServerLimits`` on one connection: the request head's size and time, the body's
/// time and rate, and the keep-alive pause between requests. A tripped limit is reported, then
/// answered (`431` or `408`, when no response is under way) and the connection closed.
///
/// It sits first in the pipeline, under the HTTP codec, so that it sees the raw bytes of a head
/// still being sent; an ``ExchangeObserver`` after the codec tells it where each exchange stands.
/// Both live on the channel's event loop.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum Phase {
        case awaitingHead, readingBody, handling, idle, closed
    }

    private let limits: HTTPServerLimits
    private let onLimit: @Sendable (HTTPLimit) -> Void
    private var context: ChannelHandlerContext?
    private var phase = Phase.awaitingHead
    private var headBytes = 0
    private var bodyBytes = 0
    /// Requests received and not yet answered: more than one when a client pipelines.
    private var unanswered = 0
    private var bodyStarted = NIODeadline.now()
    /// What happens at ``deadline``, if anything.
    private var pending: Expiry?
    private var deadline = NIODeadline.distantFuture
    /// The one scheduled wake-up, and when it fires. Re-arming for a later deadline only moves
    /// ``deadline``: the wake-up then finds it early and goes back to sleep. Scheduling and
    /// cancelling a task three times per request cost 8 % of the intake's CPU on small requests.
    private var wakeUp: Scheduled<Void>?
    private var wakeUpAt = NIODeadline.distantFuture

    private enum Expiry {
        case headerTimeout, bodyCheck, idleTimeout
    }

    init(limits: HTTPServerLimits, onLimit: @escaping @Sendable (HTTPLimit) -> Void) {
        self.limits = limits
        self.onLimit = onLimit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        beginHead()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let count = unwrapInboundIn(data).readableBytes
        if phase == .idle { beginHead() }
        let wasAwaitingHead = phase == .awaitingHead
        // The codec decodes synchronously: if these bytes complete the head, the observer has
        // moved the phase on by the time this returns.
        context.fireChannelRead(data)
        guard wasAwaitingHead, phase == .awaitingHead else { return }
        headBytes += count
        if headBytes > limits.maxHeaderBytes {
            trip(.headerBytes, answer: (431, "Request Header Fields Too Large", "the request head is larger than \(limits.maxHeaderBytes) bytes"))
        }
    }

    // MARK: Reports from the ExchangeObserver

    /// A request head was decoded: its body starts now.
    func headReceived() {
        guard phase != .closed else { return }
        phase = .readingBody
        bodyBytes = 0
        bodyStarted = .now()
        scheduleBodyCheck()
    }

    /// `count` body bytes were decoded.
    func bodyReceived(_ count: Int) {
        bodyBytes += count
    }

    /// The request is complete; the server is answering it.
    func requestReceived() {
        guard phase != .closed else { return }
        unanswered += 1
        phase = .handling
        pending = nil
    }

    /// The response being written ends with the connection: no further limit applies to it.
    func responseClosesConnection() {
        stop()
    }

    /// The response was written: the connection waits for the next request.
    func responseFinished() {
        unanswered = max(0, unanswered - 1)
        // A pipelined request still to be answered, or one still arriving, keeps its own phase.
        guard phase == .handling, unanswered == 0 else { return }
        phase = .idle
        arm(.idleTimeout, after: limits.idleTimeout)
    }

    // MARK: Timers

    private func beginHead() {
        phase = .awaitingHead
        headBytes = 0
        arm(.headerTimeout, after: limits.headerTimeout)
    }

    private func expire(_ expiry: Expiry) {
        switch expiry {
        case .headerTimeout:
            trip(.headerTimeout, answer: (408, "Request Timeout", "the request head did not arrive in time"))
        case .idleTimeout:
            trip(.idleTimeout, answer: nil)
        case .bodyCheck:
            checkBody()
        }
    }

    private func scheduleBodyCheck() {
        arm(.bodyCheck, after: min(.seconds(1), limits.bodyTimeout))
    }

    private func checkBody() {
        guard phase == .readingBody else { return }
        let elapsed = Duration.nanoseconds((NIODeadline.now() - bodyStarted).nanoseconds)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if elapsed >= limits.bodyTimeout {
            trip(.bodyTimeout, answer: (408, "Request Timeout", "the request body did not arrive in time"))
        } else if elapsed >= limits.bodyRateGrace, Double(bodyBytes) < Double(limits.minBodyRate) * seconds {
            trip(.bodyRate, answer: (408, "Request Timeout", "the request body arrives too slowly"))
        } else {
            scheduleBodyCheck()
        }
    }

    private func arm(_ expiry: Expiry, after delay: Duration) {
        pending = expiry
        deadline = .now() + TimeAmount(delay)
        if wakeUp == nil || deadline < wakeUpAt { scheduleWakeUp() }
    }

    private func scheduleWakeUp() {
        wakeUp?.cancel()
        guard let context else { return }
        wakeUpAt = deadline
        wakeUp = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            wakeUp = nil
            guard let expiry = pending else { return }
            if NIODeadline.now() < deadline {
                scheduleWakeUp()
            } else {
                pending = nil
                expire(expiry)
            }
        }
    }

    private func stop() {
        phase = .closed
        pending = nil
        wakeUp?.cancel()
        wakeUp = nil
    }

    /// Reports `limit`, answers when there is an answer to give, and closes the connection.
    private func trip(_ limit: HTTPLimit, answer: (status: Int, reason: String, text: String)?) {
        guard let context, phase != .closed else { return }
        stop()
        onLimit(limit)
        guard let answer else {
            context.close(promise: nil)
            return
        }
        let response = RawHTTPResponse.bytes(answer.status, answer.reason, answer.text)
        context.writeAndFlush(NIOAny(response)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
