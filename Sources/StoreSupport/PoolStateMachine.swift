/// The decisions of a connection pool, without any I/O.
///
/// `ConnectionPool` feeds every event into this struct under one lock and then performs the
/// returned action outside the lock: opening or closing a connection, resuming a waiter.
/// Keeping the decisions here lets tests drive the pool one event per line (STYLE.md §6).
///
/// Invariants: `idle.count + leased + connecting <= maximumConnections`; a waiter is queued
/// only while no idle connection exists; waiters are served first come, first served.
public struct PoolStateMachine<Connection> {
    /// Identifies one caller waiting in `acquire`.
    public typealias WaiterID = UInt64

    /// What the pool must do after an event.
    public enum Action {
        /// Nothing to do (the caller keeps waiting, or the event was stale).
        case none
        /// Hand `Connection` to the waiter.
        case lease(Connection, to: WaiterID)
        /// Open one new connection; report `connected` or `connectFailed`.
        case connect
        /// Resume the waiter with an error.
        case fail(WaiterID, ConnectionPoolError)
        /// Resume the waiter with an error, then open one new connection for the next waiter.
        case failAndConnect(WaiterID, ConnectionPoolError)
        /// Close the connection.
        case close(Connection)
        /// Close the connection, then open a replacement for a queued waiter.
        case closeAndConnect(Connection)
        /// Fail every listed waiter with `.shutDown` and close every listed connection.
        case shutDown(failing: [WaiterID], closing: [Connection])
    }

    public let maximumConnections: Int
    private(set) var idle: [Connection] = []
    private(set) var waiters: [WaiterID] = []
    private(set) var leased = 0
    private(set) var connecting = 0
    private(set) var isShutDown = false

    public init(maximumConnections: Int) {
        precondition(maximumConnections > 0, "a pool needs at least one connection")
        self.maximumConnections = maximumConnections
    }

    public var statistics: PoolStatistics {
        PoolStatistics(
            maximumConnections: maximumConnections, idle: idle.count, leased: leased,
            connecting: connecting, waiting: waiters.count)
    }

    private var total: Int { idle.count + leased + connecting }

    /// Waiters that no connection attempt in flight will serve.
    private var unservedWaiters: Int { waiters.count - connecting }

    // MARK: - Events

    /// A caller asks for a connection.
    public mutating func acquire(_ waiter: WaiterID) -> Action {
        if isShutDown { return .fail(waiter, .shutDown) }
        if let connection = idle.popLast() {
            // LIFO: the most recently used connection is the one most likely still warm.
            leased += 1
            return .lease(connection, to: waiter)
        }
        waiters.append(waiter)
        if total < maximumConnections {
            connecting += 1
            return .connect
        }
        return .none
    }

    /// A connection attempt succeeded.
    public mutating func connected(_ connection: Connection) -> Action {
        connecting -= 1
        if isShutDown { return .close(connection) }
        if !waiters.isEmpty {
            leased += 1
            return .lease(connection, to: waiters.removeFirst())
        }
        idle.append(connection)
        return .none
    }

    /// A connection attempt failed: the oldest waiter gets the error, so that callers learn
    /// quickly that the server is unreachable instead of waiting for their timeout.
    public mutating func connectFailed(_ error: ConnectionPoolError) -> Action {
        connecting -= 1
        if isShutDown || waiters.isEmpty { return .none }
        let waiter = waiters.removeFirst()
        if unservedWaiters > 0 && total < maximumConnections {
            connecting += 1
            return .failAndConnect(waiter, error)
        }
        return .fail(waiter, error)
    }

    /// A caller gives a connection back; `reusable` is false when it broke while leased.
    public mutating func release(_ connection: Connection, reusable: Bool) -> Action {
        leased -= 1
        if isShutDown { return .close(connection) }
        guard reusable else {
            if unservedWaiters > 0 && total < maximumConnections {
                connecting += 1
                return .closeAndConnect(connection)
            }
            return .close(connection)
        }
        if !waiters.isEmpty {
            leased += 1
            return .lease(connection, to: waiters.removeFirst())
        }
        idle.append(connection)
        return .none
    }

    /// The waiter's acquire deadline passed.
    public mutating func timedOut(_ waiter: WaiterID, error: ConnectionPoolError) -> Action {
        guard let index = waiters.firstIndex(of: waiter) else { return .none }
        waiters.remove(at: index)
        return .fail(waiter, error)
    }

    /// The waiter's task was cancelled.
    public mutating func cancelled(_ waiter: WaiterID) -> Action {
        guard let index = waiters.firstIndex(of: waiter) else { return .none }
        waiters.remove(at: index)
        return .fail(waiter, .cancelled)
    }

    /// The pool closes: waiters fail, idle connections close, leased ones close on release.
    public mutating func shutDown() -> Action {
        if isShutDown { return .none }
        isShutDown = true
        let failing = waiters
        let closing = idle
        waiters = []
        idle = []
        return .shutDown(failing: failing, closing: closing)
    }
}

extension PoolStateMachine.Action: Equatable where Connection: Equatable {}
extension PoolStateMachine: Sendable where Connection: Sendable {}
extension PoolStateMachine.Action: Sendable where Connection: Sendable {}

/// A snapshot of a pool's connections and waiters.
public struct PoolStatistics: Sendable, Hashable, CustomStringConvertible {
    public var maximumConnections: Int
    public var idle: Int
    public var leased: Int
    public var connecting: Int
    public var waiting: Int

    public init(maximumConnections: Int, idle: Int, leased: Int, connecting: Int, waiting: Int) {
        self.maximumConnections = maximumConnections
        self.idle = idle
        self.leased = leased
        self.connecting = connecting
        self.waiting = waiting
    }

    public var description: String {
        "\(leased) of \(maximumConnections) connections in use, \(idle) idle, "
            + "\(connecting) connecting, \(waiting) callers waiting"
    }
}
