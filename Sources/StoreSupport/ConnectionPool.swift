import Logging
import NIOConcurrencyHelpers

/// A connection a `ConnectionPool` can hold.
public protocol PoolableConnection: AnyObject, Sendable {
    /// False once the connection is known to be unusable: a call failed at the connection
    /// level, or the server closed it while it sat idle. Must not block: the pool asks on
    /// every checkout and check-in.
    var isReusable: Bool { get }

    /// Closes the connection. The pool calls it on its blocking executor.
    func close()
}

/// Size and waiting limits of a pool.
public struct ConnectionPoolConfiguration: Sendable {
    /// Connections open at most at once, idle or in use.
    public var maximumConnections: Int
    /// How long a caller waits for a free connection before failing with `acquireTimeout`.
    public var acquireTimeout: Duration

    public init(maximumConnections: Int = 10, acquireTimeout: Duration = .seconds(5)) {
        self.maximumConnections = maximumConnections
        self.acquireTimeout = acquireTimeout
    }
}

/// An async pool of connections to one server, generic over the store.
///
/// Callers wait in FIFO order when every connection is in use and fail with
/// `ConnectionPoolError.acquireTimeout` when their wait exceeds the acquire timeout (or their
/// call's own deadline, if earlier). Connections that break are discarded, and replaced only
/// when someone needs one, so a server restart costs each stale connection one failed
/// checkout check, never a failed call. The decisions live in `PoolStateMachine`; this class
/// only runs them.
public final class ConnectionPool<Connection: PoolableConnection>: Sendable {
    public typealias Connect = @Sendable () async throws -> Connection
    private typealias Machine = PoolStateMachine<Connection>

    private struct Waiter {
        var continuation: CheckedContinuation<Connection, any Error>
        var timeout: Task<Void, Never>?
    }

    private struct State {
        var machine: Machine
        var waiters: [Machine.WaiterID: Waiter] = [:]
        var nextWaiterID: Machine.WaiterID = 0
    }

    public let configuration: ConnectionPoolConfiguration
    private let executor: BlockingExecutor
    private let connect: Connect
    private let logger: Logger
    /// A pthread mutex (NIO's lock) rather than `Synchronization.Mutex`: ThreadSanitizer sees
    /// through it, so `swift test --sanitize=thread` stays meaningful for this contended lock.
    private let state: NIOLockedValueBox<State>

    /// - Parameters:
    ///   - executor: where `close()` runs; the connections' own blocking calls go there too.
    ///   - connect: opens one connection; its error reaches the caller that needed it.
    public init(
        configuration: ConnectionPoolConfiguration, executor: BlockingExecutor, logger: Logger,
        connect: @escaping Connect
    ) {
        self.configuration = configuration
        self.executor = executor
        self.connect = connect
        self.logger = logger
        state = NIOLockedValueBox(State(machine: Machine(maximumConnections: configuration.maximumConnections)))
    }

    public var statistics: PoolStatistics {
        state.withLockedValue { $0.machine.statistics }
    }

    /// Runs `body` with a connection leased for its duration.
    ///
    /// The connection goes back to the pool afterwards, or is discarded when it reports
    /// itself broken. `deadline` bounds the wait for a connection, not `body`.
    public func withConnection<T: Sendable>(
        deadline: Deadline? = nil, _ body: (Connection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire(deadline: deadline)
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    /// Leases a connection; pair with `release(_:)`.
    public func acquire(deadline: Deadline? = nil) async throws -> Connection {
        let deadline = Deadline.after(configuration.acquireTimeout).earliest(deadline)
        while true {
            let connection = try await acquireOnce(deadline: deadline)
            if connection.isReusable { return connection }
            // Closed by the server while idle (a restart, an idle timeout): drop it, try again.
            logger.debug("discarding a pooled connection that went stale while idle")
            release(connection)
        }
    }

    /// Gives a leased connection back.
    public func release(_ connection: Connection) {
        let reusable = connection.isReusable
        let action = state.withLockedValue { $0.machine.release(connection, reusable: reusable) }
        run(action)
    }

    /// Fails every waiter, closes idle connections now and leased ones when they come back.
    public func shutdown() async {
        let action = state.withLockedValue { $0.machine.shutDown() }
        guard case .shutDown(let failing, let closing) = action else { return }
        resume(failing, throwing: ConnectionPoolError.shutDown)
        for connection in closing {
            _ = try? await executor.run { connection.close() }
        }
    }

    // MARK: - Running the state machine's actions

    private func acquireOnce(deadline: Deadline) async throws -> Connection {
        let id = state.withLockedValue { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let started = ContinuousClock.now
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Connection, any Error>) in
                let action = state.withLockedValue { state in
                    state.waiters[id] = Waiter(continuation: continuation, timeout: nil)
                    return state.machine.acquire(id)
                }
                run(action)
                // Served or failed at once: no timer needed (the common, uncontended case).
                guard state.withLockedValue({ $0.waiters[id] != nil }) else { return }
                // Still queued: arm the timeout. Whoever removes the waiter first cancels it.
                let timeout = Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    if Task.isCancelled { return }
                    self?.timeOut(id, waitingSince: started)
                }
                let armed = state.withLockedValue { state in
                    guard state.waiters[id] != nil else { return false }
                    state.waiters[id]?.timeout = timeout
                    return true
                }
                if !armed { timeout.cancel() }
                if Task.isCancelled { cancel(id) }
            }
        } onCancel: {
            cancel(id)
        }
    }

    private func timeOut(_ id: Machine.WaiterID, waitingSince started: ContinuousClock.Instant) {
        let action = state.withLockedValue { state in
            let error = ConnectionPoolError.acquireTimeout(
                waited: started.duration(to: .now), statistics: state.machine.statistics)
            return state.machine.timedOut(id, error: error)
        }
        run(action)
    }

    private func cancel(_ id: Machine.WaiterID) {
        let action = state.withLockedValue { $0.machine.cancelled(id) }
        run(action)
    }

    private func run(_ action: Machine.Action, connectError: (any Error)? = nil) {
        switch action {
        case .none:
            break
        case .lease(let connection, let id):
            takeWaiter(id)?.resume(returning: connection)
        case .connect:
            openConnection()
        case .fail(let id, let error):
            takeWaiter(id)?.resume(throwing: connectError ?? error)
        case .failAndConnect(let id, let error):
            takeWaiter(id)?.resume(throwing: connectError ?? error)
            openConnection()
        case .close(let connection):
            close(connection)
        case .closeAndConnect(let connection):
            close(connection)
            openConnection()
        case .shutDown(let failing, let closing):
            resume(failing, throwing: ConnectionPoolError.shutDown)
            closing.forEach(close)
        }
    }

    private func takeWaiter(_ id: Machine.WaiterID) -> CheckedContinuation<Connection, any Error>? {
        let waiter = state.withLockedValue { $0.waiters.removeValue(forKey: id) }
        waiter?.timeout?.cancel()
        return waiter?.continuation
    }

    private func resume(_ ids: [Machine.WaiterID], throwing error: any Error) {
        for id in ids { takeWaiter(id)?.resume(throwing: error) }
    }

    private func openConnection() {
        Task {
            do {
                let connection = try await connect()
                let action = state.withLockedValue { $0.machine.connected(connection) }
                run(action)
            } catch {
                logger.warning("opening a connection failed", metadata: ["error": "\(error)"])
                let action = state.withLockedValue {
                    $0.machine.connectFailed(.connectFailed(message: "\(error)"))
                }
                // The caller sees the driver's own typed error, not the pool's summary.
                run(action, connectError: error)
            }
        }
    }

    private func close(_ connection: Connection) {
        let executor = executor
        Task { _ = try? await executor.run { connection.close() } }
    }
}
