import Foundation
import Logging
import StoreSupport
import Synchronization

/// A message published on a subscribed channel.
public struct RedisMessage: Sendable, Hashable {
    public var channel: String
    public var payload: [UInt8]

    /// The payload as text, nil when it is not valid UTF-8.
    public var text: String? { String(validating: payload, as: UTF8.self) }
}

/// A live `SUBSCRIBE` on a connection and a thread of its own.
///
/// The connection is blocked in reading, so it cannot come from the pool, and the thread is
/// not one of the executor's, which would lose a worker for the subscription's whole life.
/// When the connection breaks (a Redis restart), the subscription reconnects and subscribes
/// again; messages published in between are lost, as Redis pub/sub promises nothing more.
public final class RedisSubscription: Sendable {
    /// Messages in arrival order; ends after `cancel()` (or when the consumer stops iterating).
    public let messages: AsyncThrowingStream<RedisMessage, any Error>
    private let worker: SubscriptionWorker

    private init(messages: AsyncThrowingStream<RedisMessage, any Error>, worker: SubscriptionWorker) {
        self.messages = messages
        self.worker = worker
    }

    /// Unsubscribes, closes the connection and ends `messages`. Dropping `messages` (or
    /// cancelling the task iterating it) does the same.
    public func cancel() { worker.stop() }

    static func start(
        configuration: RedisConfiguration, channels: [String], bufferSize: Int, logger: Logger
    ) async throws -> RedisSubscription {
        precondition(!channels.isEmpty, "subscribe to at least one channel")
        let (messages, continuation) = AsyncThrowingStream.makeStream(
            of: RedisMessage.self, throwing: (any Error).self, bufferingPolicy: .bufferingNewest(bufferSize))
        let worker = SubscriptionWorker(
            configuration: configuration, channels: channels, continuation: continuation, logger: logger)
        continuation.onTermination = { _ in worker.stop() }
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
            let thread = Thread { worker.run(ready: { ready.resume(with: $0) }) }
            thread.name = "redis-subscription"
            thread.start()
        }
        return RedisSubscription(messages: messages, worker: worker)
    }
}

/// The subscription's thread: connect, subscribe, read until stopped; reconnect on failure.
final class SubscriptionWorker: Sendable {
    private let configuration: RedisConfiguration
    private let channels: [String]
    private let continuation: AsyncThrowingStream<RedisMessage, any Error>.Continuation
    private let logger: Logger
    private let stopped = Atomic<Bool>(false)

    init(
        configuration: RedisConfiguration, channels: [String],
        continuation: AsyncThrowingStream<RedisMessage, any Error>.Continuation, logger: Logger
    ) {
        self.configuration = configuration
        self.channels = channels
        self.continuation = continuation
        self.logger = logger
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// Runs until stopped. `ready` is called once: after the first confirmed subscription, or
    /// with the error that prevented it.
    func run(ready: (Result<Void, RedisError>) -> Void) {
        var announced = false
        var backoff = Duration.milliseconds(100)
        while !isStopped {
            do throws(RedisError) {
                let connection = try subscribe()
                if !announced {
                    ready(.success(()))
                    announced = true
                }
                backoff = .milliseconds(100)
                // Wake every 200 ms to notice `stop()`.
                while !isStopped {
                    for reply in try connection.receive(waitingUpTo: .milliseconds(200)) {
                        if let message = Self.message(in: reply) { continuation.yield(message) }
                    }
                }
                connection.close()
            } catch {
                if !announced {
                    ready(.failure(error))
                    continuation.finish(throwing: error)
                    return
                }
                logger.warning("the Redis subscription broke; subscribing again", metadata: ["error": "\(error)"])
                Thread.sleep(forTimeInterval: Double(backoff.components.attoseconds) / 1e18 + Double(backoff.components.seconds))
                backoff = min(backoff * 2, .seconds(2))
            }
        }
        continuation.finish()
    }

    private func subscribe() throws(RedisError) -> RedisConnection {
        let deadline = Deadline.after(configuration.connectTimeout)
        let connection = try RedisConnection.connect(configuration, deadline: deadline)
        let command = [Array("SUBSCRIBE".utf8)] + channels.map { Array($0.utf8) }
        // Sending one SUBSCRIBE for n channels yields n confirmations.
        var confirmations = try connection.send([command], deadline: deadline, timeout: configuration.connectTimeout)
        while confirmations.count < channels.count {
            guard deadline.remaining > .zero else { throw .timeout(after: configuration.connectTimeout) }
            confirmations += try connection.receive(waitingUpTo: deadline.remaining)
        }
        if let refusal = confirmations.first(where: { if case .error = $0 { true } else { false } }),
            case .error(let message) = refusal
        {
            throw .server(command: "SUBSCRIBE", message: message)
        }
        return connection
    }

    /// `["message", channel, payload]`; confirmations and other pushes are not messages.
    private static func message(in reply: RedisReply) -> RedisMessage? {
        guard case .array(let parts) = reply, parts.count == 3, parts[0] == .bulk(Array("message".utf8)),
            case .bulk(let channel) = parts[1], case .bulk(let payload) = parts[2]
        else { return nil }
        return RedisMessage(channel: String(decoding: channel, as: UTF8.self), payload: payload)
    }
}
