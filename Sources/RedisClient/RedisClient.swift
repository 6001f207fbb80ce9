import Logging
import StoreSupport

/// An async Redis client over hiredis with a connection pool.
///
/// Commands go as argument vectors (`redisCommandArgv`), so keys and values are binary-safe
/// and never parsed. Every call has a deadline (`callTimeout` unless given) covering the wait
/// for a connection and the round trip; blocking hiredis calls run on the client's own
/// threads, never on Swift's cooperative pool.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let executor: BlockingExecutor
    private let pool: ConnectionPool<RedisConnection>
    private let logger: Logger

    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "chorus.redis")) {
        self.configuration = configuration
        self.logger = logger
        let executor = BlockingExecutor(threadCount: configuration.pool.maximumConnections)
        self.executor = executor
        pool = ConnectionPool(configuration: configuration.pool, executor: executor, logger: logger) {
            let deadline = Deadline.after(configuration.connectTimeout)
            return try await executor.run { try RedisConnection.connect(configuration, deadline: deadline) }
        }
    }

    // MARK: - Commands

    /// Sends one command and returns its reply; a server error reply throws `RedisError.server`.
    public func send(_ command: RedisCommand, timeout: Duration? = nil) async throws -> RedisReply {
        let reply = try await pipeline([command], timeout: timeout)[0]
        if case .error(let message) = reply { throw RedisError.server(command: command.name, message: message) }
        return reply
    }

    /// Sends every command and then reads every reply: one round trip. A command the server
    /// refuses gives an `.error` reply in its place; the others still run.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration? = nil) async throws -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        let timeout = timeout ?? configuration.callTimeout
        let deadline = Deadline.after(timeout)
        let arguments = commands.map(\.arguments)
        return try await pool.withConnection(deadline: deadline) { connection in
            try await executor.run { try connection.send(arguments, deadline: deadline, timeout: timeout) }
        }
    }

    /// The value as text; nil when the key does not exist.
    public func get(_ key: String, timeout: Duration? = nil) async throws -> String? {
        try await send(.get(key), timeout: timeout).string(for: "GET")
    }

    /// The value as bytes; nil when the key does not exist.
    public func getBytes(_ key: String, timeout: Duration? = nil) async throws -> [UInt8]? {
        try await send(.get(key), timeout: timeout).bytes(for: "GET")
    }

    /// Returns false when a condition (`NX`, `XX`) kept the value from being set.
    @discardableResult
    public func set(
        _ key: String, to value: String, expiry: RedisExpiry? = nil, condition: RedisSetCondition = .always,
        timeout: Duration? = nil
    ) async throws -> Bool {
        try await set(key, to: Array(value.utf8), expiry: expiry, condition: condition, timeout: timeout)
    }

    @discardableResult
    public func set(
        _ key: String, to value: [UInt8], expiry: RedisExpiry? = nil, condition: RedisSetCondition = .always,
        timeout: Duration? = nil
    ) async throws -> Bool {
        switch try await send(.set(key, value, expiry: expiry, condition: condition), timeout: timeout) {
        case .status("OK"): return true
        case .null: return false
        case let other: throw RedisError.unexpectedReply(command: "SET", reply: other.kind)
        }
    }

    /// The values of `keys`, in order, nil where a key does not exist; one round trip.
    public func mget(_ keys: [String], timeout: Duration? = nil) async throws -> [String?] {
        guard !keys.isEmpty else { return [] }
        return try await mgetReplies(keys, timeout: timeout).map { (reply) throws(RedisError) in try reply.string(for: "MGET") }
    }

    public func mgetBytes(_ keys: [String], timeout: Duration? = nil) async throws -> [[UInt8]?] {
        guard !keys.isEmpty else { return [] }
        return try await mgetReplies(keys, timeout: timeout).map { (reply) throws(RedisError) in try reply.bytes(for: "MGET") }
    }

    private func mgetReplies(_ keys: [String], timeout: Duration?) async throws -> [RedisReply] {
        let reply = try await send(RedisCommand([Array("MGET".utf8)] + keys.map { Array($0.utf8) }), timeout: timeout)
        guard case .array(let values) = reply, values.count == keys.count else {
            throw RedisError.unexpectedReply(command: "MGET", reply: reply.kind)
        }
        return values
    }

    /// Deletes the keys; returns how many existed.
    @discardableResult
    public func del(_ keys: [String], timeout: Duration? = nil) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return Int(try await send(.del(keys), timeout: timeout).integer(for: "DEL"))
    }

    /// Adds one; a missing key counts as 0. Returns the new value.
    public func incr(_ key: String, timeout: Duration? = nil) async throws -> Int64 {
        try await send(.incr(key), timeout: timeout).integer(for: "INCR")
    }

    public func incrBy(_ key: String, _ amount: Int64, timeout: Duration? = nil) async throws -> Int64 {
        try await send(.incrBy(key, amount), timeout: timeout).integer(for: "INCRBY")
    }

    /// Sets a key's time to live in whole seconds; false when the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int, timeout: Duration? = nil) async throws -> Bool {
        try await send(.expire(key, seconds: seconds), timeout: timeout).integer(for: "EXPIRE") == 1
    }

    public func ttl(_ key: String, timeout: Duration? = nil) async throws -> RedisTTL {
        switch try await send(.ttl(key), timeout: timeout).integer(for: "TTL") {
        case -2: .missing
        case -1: .persistent
        case let seconds: .seconds(seconds)
        }
    }

    /// Publishes to a channel; returns how many subscribers received it.
    @discardableResult
    public func publish(_ message: String, to channel: String, timeout: Duration? = nil) async throws -> Int {
        Int(try await send(.publish(channel, Array(message.utf8)), timeout: timeout).integer(for: "PUBLISH"))
    }

    /// Subscribes on a connection of its own; returns once the server has confirmed every
    /// channel, so that messages published afterwards are delivered.
    public func subscribe(to channels: [String], bufferSize: Int = 10_000) async throws -> RedisSubscription {
        try await RedisSubscription.start(
            configuration: configuration, channels: channels, bufferSize: bufferSize, logger: logger)
    }

    // MARK: - Health

    /// `PING`: the round trip through the pool, or the error.
    public func ping(timeout: Duration = .seconds(1)) async throws -> Duration {
        let started = ContinuousClock.now
        let reply = try await send(RedisCommand("PING"), timeout: timeout)
        guard reply == .status("PONG") else { throw RedisError.unexpectedReply(command: "PING", reply: reply.kind) }
        return started.duration(to: .now)
    }

    /// The probe behind `/health`.
    public func health(timeout: Duration = .seconds(1)) async -> StoreHealth {
        do {
            let latency = try await ping(timeout: timeout)
            return StoreHealth(store: "redis", isUp: true, latency: latency, failure: nil, pool: pool.statistics)
        } catch {
            return StoreHealth(store: "redis", isUp: false, latency: nil, failure: "\(error)", pool: pool.statistics)
        }
    }

    public var poolStatistics: PoolStatistics { pool.statistics }

    /// Closes the connections and stops the threads. Calls after this fail.
    public func shutdown() async {
        await pool.shutdown()
        await executor.shutdown()
    }
}
