import CMongoC
import Logging
import NIOPosix
import Synchronization

/// libmongoc is initialised once per process (mongoc_init); a global `let` runs its
/// initialiser exactly once, thread-safely. mongoc_cleanup is left to process exit.
private let mongocInitialized: Bool = {
    mongoc_init()
    installLibmongocLogHandler()
    return true
}()

/// The owner of one `mongoc_client_pool_t`: destroyed in `deinit`, after the last call or
/// cursor holding this handle has pushed its client back.
///
/// libmongoc: "mongoc_client_pool_t … is thread-safe, except for its destructor method,
/// mongoc_client_pool_destroy(), which is not thread-safe and must only be called from one
/// thread." `deinit` runs once, when nothing else can reach the pool. Hence @unchecked Sendable.
final class PoolHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { mongoc_client_pool_destroy(pointer) }
}

/// A pool of MongoDB connections with an async API; the entry point of this module.
///
/// Every libmongoc call runs on a thread of a dedicated `NIOThreadPool`, never on Swift's
/// cooperative pool, and uses a client popped from libmongoc's thread-safe pool for that one
/// call. libmongoc: "mongoc_client_t is NOT thread-safe and should only be used from one thread
/// at a time." A popped client is only touched by the job that popped it (or, for a cursor, by
/// one cursor step at a time) and pushed back before the job reports its result.
public final class MongoPool: Sendable {
    public let configuration: MongoConfiguration
    /// The database named in the URL's path ("test" when it names none, as libmongoc does).
    public let defaultDatabaseName: String
    let handle: PoolHandle
    let permits: Permits
    let threadPool: NIOThreadPool
    let logger: Logger
    private let shutDownFlag = Atomic<Bool>(false)

    public init(configuration: MongoConfiguration, logger: Logger = Logger(label: "chorus.mongo")) throws(MongoError) {
        precondition(mongocInitialized)
        guard configuration.poolSize > 0 else { throw .invalidURL("poolSize must be at least 1") }
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(configuration.url, &error) else {
            throw .invalidURL(MongoError(error).description)
        }
        defer { mongoc_uri_destroy(uri) }
        let timeouts: [(String, Duration)] = [
            (MONGOC_URI_SOCKETTIMEOUTMS, configuration.socketTimeout),
            (MONGOC_URI_SERVERSELECTIONTIMEOUTMS, configuration.serverSelectionTimeout),
            (MONGOC_URI_CONNECTTIMEOUTMS, configuration.connectTimeout),
        ]
        for (option, value) in timeouts where !mongoc_uri_has_option(uri, option) {
            mongoc_uri_set_option_as_int32(uri, option, Int32(clamping: value.milliseconds))
        }
        // The appname goes in the URI only: setting it again through
        // mongoc_client_pool_set_appname makes libmongoc log an error on every request.
        if mongoc_uri_get_appname(uri) == nil {
            mongoc_uri_set_appname(uri, configuration.appName)
        }
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else {
            throw .invalidURL(MongoError(error).description)
        }
        mongoc_client_pool_set_error_api(pool, Int32(MONGOC_ERROR_API_VERSION_2))
        mongoc_client_pool_max_size(pool, UInt32(configuration.poolSize))
        handle = PoolHandle(pool)
        defaultDatabaseName = mongoc_uri_get_database(uri).map { String(cString: $0) } ?? "test"
        self.configuration = configuration
        self.logger = logger
        permits = Permits(size: configuration.poolSize)
        threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        threadPool.start()
    }

    deinit {
        if !shutDownFlag.load(ordering: .acquiring) {
            threadPool.shutdownGracefully { _ in }
        }
    }

    /// Fails waiting callers, lets running calls finish, and stops the threads. The libmongoc
    /// pool is destroyed when the last handle to it goes (see `PoolHandle`).
    public func shutdown() async {
        guard !shutDownFlag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        permits.shutDown()
        try? await threadPool.shutdownGracefully()
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

    // MARK: - Running blocking calls

    /// Runs `body` with a pooled client on the thread pool, within `timeout`.
    ///
    /// `retryable` calls are sent once more, on a fresh connection, when the connection broke
    /// (after a server restart the first use of a pooled socket fails; libmongoc then drops it).
    /// Only operations that are safe to apply twice are retryable.
    func run<T: Sendable>(
        _ operation: String, timeout: Duration?, retryable: Bool,
        _ body: @escaping @Sendable (PooledClient) throws -> T
    ) async throws -> T {
        do {
            return try await runOnce(operation, timeout: timeout, body)
        } catch let error as MongoError where retryable && error.isBrokenConnection {
            logger.debug("retrying after a broken connection", metadata: ["operation": "\(operation)"])
            return try await runOnce(operation, timeout: timeout, body)
        }
    }

    private func runOnce<T: Sendable>(
        _ operation: String, timeout: Duration?, _ body: @escaping @Sendable (PooledClient) throws -> T
    ) async throws -> T {
        // The call's timeout bounds the wait for a connection too, and what that wait took
        // comes off the time left for the call itself.
        let callTimeout = timeout ?? configuration.operationTimeout
        let started = ContinuousClock.now
        try await permits.acquire(timeout: min(configuration.acquireTimeout, callTimeout))
        let remaining = max(callTimeout - started.duration(to: .now), .milliseconds(1))
        let deadline = Deadline<T>()
        let (handle, permits) = (handle, permits)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                deadline.start(continuation, after: remaining, error: .timeout(operation: operation, after: callTimeout))
                threadPool.submit { state in
                    guard case .active = state else {
                        permits.release()
                        deadline.finish(.failure(MongoError.shutDown))
                        return
                    }
                    // Never blocks: we hold one of `poolSize` permits and the libmongoc pool's
                    // max size is `poolSize`, so a client is free or can be created.
                    let client = mongoc_client_pool_pop(handle.pointer)!
                    let result = Result { try body(PooledClient(pointer: client, pool: handle)) }
                    mongoc_client_pool_push(handle.pointer, client)
                    permits.release()
                    deadline.finish(result)
                }
            }
        } onCancel: {
            deadline.finish(.failure(CancellationError()))
        }
    }
}
