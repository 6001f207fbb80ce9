import CMongoC
import Logging
import StoreSupport
import Synchronization

/// libmongoc is initialised once per process (mongoc_init); a global `let` runs its
/// initialiser exactly once, thread-safely. mongoc_cleanup is left to process exit.
private let mongocInitialized: Bool = {
    mongoc_init()
    installLibmongocLogHandler()
    return true
}()

/// The parsed connection string every connection is made from; destroyed in `deinit`.
///
/// libmongoc documents no thread-safety for `mongoc_uri_t`, so clients are made from it one
/// at a time, under `lock`.
final class MongoURI: @unchecked Sendable {
    private let pointer: OpaquePointer
    private let lock = Mutex(())

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { mongoc_uri_destroy(pointer) }

    func connect() throws(MongoError) -> MongoConnection {
        try lock.withLock { _ throws(MongoError) in try MongoConnection(uri: pointer) }
    }
}

/// A pool of MongoDB connections with an async API; the entry point of this module.
///
/// Each connection is a `mongoc_client_t` of its own in a StoreSupport `ConnectionPool` (the
/// pool PostgreSQL and Redis use: FIFO waiters, a bounded wait, statistics for `/health`), and
/// every libmongoc call runs on the pool's `BlockingExecutor`, never on Swift's cooperative
/// pool. A leased client is used by one job at a time: libmongoc says "mongoc_client_t is NOT
/// thread-safe and should only be used from one thread at a time."
public final class MongoPool: Sendable {
    public let configuration: MongoConfiguration
    /// The database named in the URL's path ("test" when it names none, as libmongoc does).
    public let defaultDatabaseName: String
    let executor: BlockingExecutor
    let connections: ConnectionPool<MongoConnection>
    let logger: Logger
    private let shutDownFlag = Atomic<Bool>(false)

    public init(configuration: MongoConfiguration, logger: Logger = Logger(label: "chorus.mongo")) throws(MongoError) {
        precondition(mongocInitialized)
        guard configuration.poolSize > 0 else { throw .invalidURL("poolSize must be at least 1") }
        var error = bson_error_t()
        guard let pointer = mongoc_uri_new_with_error(configuration.url, &error) else {
            throw .invalidURL(MongoError(error).description)
        }
        let uri = MongoURI(pointer)
        let timeouts: [(String, Duration)] = [
            (MONGOC_URI_SOCKETTIMEOUTMS, configuration.socketTimeout),
            (MONGOC_URI_SERVERSELECTIONTIMEOUTMS, configuration.serverSelectionTimeout),
            (MONGOC_URI_CONNECTTIMEOUTMS, configuration.connectTimeout),
        ]
        for (option, value) in timeouts where !mongoc_uri_has_option(pointer, option) {
            mongoc_uri_set_option_as_int32(pointer, option, Int32(clamping: value.milliseconds))
        }
        // The appname goes in the URI only: setting it again on a client makes libmongoc log
        // an error on every request.
        if mongoc_uri_get_appname(pointer) == nil {
            mongoc_uri_set_appname(pointer, configuration.appName)
        }
        // A URL libmongoc accepts but cannot make a client of fails here, not on first use.
        _ = try uri.connect()
        defaultDatabaseName = mongoc_uri_get_database(pointer).map { String(cString: $0) } ?? "test"
        self.configuration = configuration
        self.logger = logger
        // One thread per connection, so a slow call never waits for a thread.
        let executor = BlockingExecutor(threadCount: configuration.poolSize)
        self.executor = executor
        connections = ConnectionPool(
            configuration: ConnectionPoolConfiguration(
                maximumConnections: configuration.poolSize, acquireTimeout: configuration.acquireTimeout),
            executor: executor, logger: logger
        ) {
            try await executor.run { try uri.connect() }
        }
    }

    deinit {
        // Dropped without `shutdown()`: close the idle connections and stop the threads anyway.
        if !shutDownFlag.load(ordering: .acquiring) {
            Task { [connections, executor] in
                await connections.shutdown()
                await executor.shutdown()
            }
        }
    }

    /// Fails waiting callers, lets running calls finish, closes the connections and stops the
    /// threads. Calls after this fail with `shutDown`.
    public func shutdown() async {
        guard !shutDownFlag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await connections.shutdown()
        await executor.shutdown()
    }

    public func database(_ name: String? = nil) -> MongoDatabase {
        MongoDatabase(pool: self, name: name ?? defaultDatabaseName)
    }

    /// Sends `ping` and returns the round-trip time; throws when the server cannot be reached.
    public func ping(timeout: Duration? = nil) async throws -> Duration {
        let start = ContinuousClock.now
        _ = try await database("admin").runCommand(["ping": .int32(1)], timeout: timeout)
        return ContinuousClock.now - start
    }

    /// The probe behind `/health`: `ping`, with the pool's statistics.
    public func health(timeout: Duration = .seconds(2)) async -> StoreHealth {
        do {
            let latency = try await ping(timeout: timeout)
            return StoreHealth(store: "mongodb", isUp: true, latency: latency, failure: nil, pool: connections.statistics)
        } catch {
            return StoreHealth(store: "mongodb", isUp: false, latency: nil, failure: "\(error)", pool: connections.statistics)
        }
    }

    public var poolStatistics: PoolStatistics { connections.statistics }

    // MARK: - Running blocking calls

    /// Runs `body` with a pooled connection on the executor, answering within `timeout`.
    ///
    /// `retryable` calls are sent once more, on another connection, when the connection broke
    /// (after a server restart the first use of a pooled socket fails; the broken connection
    /// is dropped). Only operations that are safe to apply twice are retryable.
    func run<T: Sendable>(
        _ operation: String, timeout: Duration?, retryable: Bool,
        _ body: @escaping @Sendable (MongoConnection) throws -> T
    ) async throws -> T {
        do {
            return try await runOnce(operation, timeout: timeout, body)
        } catch let error as MongoError where retryable && error.isBrokenConnection {
            logger.debug("retrying after a broken connection", metadata: ["operation": "\(operation)"])
            return try await runOnce(operation, timeout: timeout, body)
        }
    }

    /// One attempt: the call's deadline bounds the wait for a connection and the call.
    ///
    /// A call past its deadline goes on to its end on its thread (a libmongoc call cannot be
    /// interrupted; socketTimeoutMS bounds it) while the caller gets `.timeout` at the deadline,
    /// from `DeadlineAlarms`; the connection goes back to the pool when the call has ended.
    private func runOnce<T: Sendable>(
        _ operation: String, timeout: Duration?, _ body: @escaping @Sendable (MongoConnection) throws -> T
    ) async throws -> T {
        let callTimeout = timeout ?? configuration.operationTimeout
        let deadline = Deadline.after(callTimeout)
        let connection = try await lease(until: deadline, callTimeout: callTimeout)
        return try await executor.run(
            until: deadline, orThrow: MongoError.timeout(operation: operation, after: callTimeout),
            finish: { [connections] in connections.release(connection) }
        ) {
            try Self.call(body, on: connection)
        }
    }

    /// Runs `body` on `connection` (on an executor thread); a broken stream or a failed server
    /// selection marks the connection so that the pool drops it.
    static func call<T>(_ body: (MongoConnection) throws -> T, on connection: MongoConnection) throws -> T {
        do {
            return try body(connection)
        } catch let error as MongoError where error.isUnusableConnection {
            connection.markBroken()
            throw error
        }
    }

    /// Leases a connection, waiting no longer than the acquire timeout or `deadline`; the
    /// pool's errors become `MongoError`s (`poolExhausted`, `shutDown`) or `CancellationError`.
    func lease(until deadline: Deadline, callTimeout: Duration) async throws -> MongoConnection {
        do {
            return try await connections.acquire(deadline: deadline)
        } catch let error as ConnectionPoolError {
            switch error {
            case .acquireTimeout(_, let statistics):
                throw MongoError.poolExhausted(
                    waited: min(configuration.acquireTimeout, callTimeout), statistics: statistics)
            case .shutDown: throw MongoError.shutDown
            case .cancelled: throw CancellationError()
            case .connectFailed(let message): throw MongoError.invalidURL(message)
            }
        }
    }
}
