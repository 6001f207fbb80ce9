import Logging
import StoreSupport

/// An async PostgreSQL client over libpq with a connection pool.
///
/// ```swift
/// let client = PostgresClient(configuration: try .fromEnvironment())
/// let rows = try await client.query("SELECT email FROM users WHERE id = ANY($1)", [PostgresValue(ids)])
/// ```
/// SQL takes values only as parameters (`$1`, `$2`); the one way to send SQL text that may
/// hold anything is named `unsafeSQL:`. Every call has a deadline (`callTimeout` unless given)
/// covering the wait for a connection and the statement; blocking libpq calls run on the
/// client's own threads, never on Swift's cooperative pool.
public final class PostgresClient: Sendable {
    public let configuration: PostgresConfiguration
    private let executor: BlockingExecutor
    private let pool: ConnectionPool<PostgresConnection>

    public init(configuration: PostgresConfiguration, logger: Logger = Logger(label: "chorus.postgres")) {
        self.configuration = configuration
        // One thread per connection, so a slow statement never waits for a thread.
        let executor = BlockingExecutor(threadCount: configuration.pool.maximumConnections)
        self.executor = executor
        pool = ConnectionPool(configuration: configuration.pool, executor: executor, logger: logger) {
            let deadline = Deadline.after(configuration.connectTimeout)
            return try await executor.run {
                try PostgresConnection.connect(url: configuration.url, deadline: deadline, limits: configuration.limits)
            }
        }
    }

    /// Runs one statement and returns its rows. The statement is prepared on first use and
    /// reused on each connection.
    public func query(
        _ sql: String, _ parameters: [PostgresValue] = [], timeout: Duration? = nil
    ) async throws -> PostgresRows {
        let (deadline, timeout) = limits(timeout)
        return try await onConnection(deadline: deadline, timeout: timeout) { connection, cancellation in
            try connection.query(sql, parameters, prepared: true, deadline: deadline, timeout: timeout,
                                 cancellation: cancellation)
        }
    }

    /// Runs `statements` in one network round trip (libpq's pipeline mode) and returns each
    /// one's rows, in order. Statements are prepared on first use, as in `query`.
    ///
    /// ```swift
    /// let results = try await client.pipeline([
    ///     PostgresStatement("SELECT id, email FROM users WHERE id = ANY($1)", [PostgresValue(userIDs)]),
    ///     PostgresStatement("SELECT id, name FROM clinics WHERE id = ANY($1)", [PostgresValue(clinicIDs)]),
    /// ])
    /// let (users, clinics) = (results[0], results[1])
    /// ```
    /// The server runs them in one implicit transaction: when one fails, those after it are
    /// skipped, those before it are rolled back, and the call throws the failed statement's
    /// error. `timeout` covers the whole pipeline. No statements: `[]`, with no connection.
    public func pipeline(_ statements: [PostgresStatement], timeout: Duration? = nil) async throws -> [PostgresRows] {
        guard !statements.isEmpty else { return [] }
        let (deadline, timeout) = limits(timeout)
        return try await onConnection(deadline: deadline, timeout: timeout) { connection, cancellation in
            try connection.pipeline(statements, deadline: deadline, timeout: timeout, cancellation: cancellation)
        }
    }

    /// Runs a statement on the executor (in a transaction, which holds its connection);
    /// cancelling the calling task cancels the statement on the server (within 100 ms) and
    /// throws `PostgresError.cancelled`.
    static func run<T: Sendable>(
        on executor: BlockingExecutor, _ body: @escaping @Sendable (CancellationFlag) throws -> T
    ) async throws -> T {
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await executor.run { try body(cancellation) }
        } onCancel: {
            cancellation.set()
        }
    }

    /// Runs a statement with a pooled connection on the executor, and answers by `deadline`.
    ///
    /// A statement past its deadline is cancelled on the server, and the connection waits the
    /// grace period for the acknowledgement (`PostgresConnection.awaitResult`); the caller does
    /// not: it gets `.timeout` at the deadline, and the connection goes back to the pool (or is
    /// dropped) once that wait is over. Cancelling the calling task cancels the statement on
    /// the server (within 100 ms) and throws `PostgresError.cancelled`.
    private func onConnection<T: Sendable>(
        deadline: Deadline, timeout: Duration,
        _ body: @escaping @Sendable (PostgresConnection, CancellationFlag) throws -> T
    ) async throws -> T {
        let connection = try await pool.acquire(deadline: deadline)
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await executor.run(
                until: deadline, orThrow: PostgresError.timeout(after: timeout),
                finish: { [pool] in pool.release(connection) }
            ) {
                try body(connection, cancellation)
            }
        } onCancel: {
            cancellation.set()
        }
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [PostgresValue] = [], timeout: Duration? = nil
    ) async throws -> Int {
        try await query(sql, parameters, timeout: timeout).affectedRows
    }

    /// Runs SQL text as is, possibly several statements, with no parameters. Only for text
    /// the program owns (migrations); never build it from input.
    public func execute(unsafeSQL sql: String, timeout: Duration? = nil) async throws {
        let (deadline, timeout) = limits(timeout)
        try await pool.withConnection(deadline: deadline) { connection in
            try await executor.run { try connection.execute(unsafeSQL: sql, deadline: deadline, timeout: timeout) }
        }
    }

    /// Bulk-loads rows with `COPY table (columns) FROM STDIN`; returns the rows loaded.
    /// `table` and `columns` are quoted as identifiers; the rows are data, never SQL.
    @discardableResult
    public func copy(
        into table: String, columns: [String], rows: [[PostgresValue]], timeout: Duration? = nil
    ) async throws -> Int {
        let statement = try Self.copyStatement(table: table, columns: columns)
        let (deadline, timeout) = limits(timeout)
        return try await pool.withConnection(deadline: deadline) { connection in
            try await executor.run { try connection.copy(statement, rows: rows, deadline: deadline, timeout: timeout) }
        }
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    /// `timeout` bounds the whole transaction, body included.
    public func withTransaction<T: Sendable>(
        _ isolation: PostgresIsolation = .readCommitted, timeout: Duration? = nil,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let (deadline, timeout) = limits(timeout)
        return try await pool.withConnection(deadline: deadline) { connection in
            let transaction = PostgresTransaction(
                connection: connection, executor: executor, deadline: deadline, timeout: timeout)
            try await transaction.run(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.sql)")
            let result: T
            do {
                result = try await body(transaction)
            } catch {
                // A failed rollback leaves the connection inside a transaction, and the pool
                // then discards it instead of reusing it.
                try? await transaction.run(unsafeSQL: "ROLLBACK", deadline: .after(configuration.cancelGracePeriod))
                throw error
            }
            try await transaction.run(unsafeSQL: "COMMIT")
            return result
        }
    }

    /// `SELECT 1`: the round trip through the pool, or the error.
    public func ping(timeout: Duration = .seconds(2)) async throws -> Duration {
        let started = ContinuousClock.now
        _ = try await query("SELECT 1", timeout: timeout)
        return started.duration(to: .now)
    }

    /// The probe behind `/health`.
    public func health(timeout: Duration = .seconds(2)) async -> StoreHealth {
        do {
            let latency = try await ping(timeout: timeout)
            return StoreHealth(store: "postgresql", isUp: true, latency: latency, failure: nil, pool: pool.statistics)
        } catch {
            return StoreHealth(store: "postgresql", isUp: false, latency: nil, failure: "\(error)", pool: pool.statistics)
        }
    }

    public var poolStatistics: PoolStatistics { pool.statistics }

    /// Closes the connections and stops the threads. Calls after this fail.
    public func shutdown() async {
        await pool.shutdown()
        await executor.shutdown()
    }

    // MARK: -

    private func limits(_ timeout: Duration?) -> (Deadline, Duration) {
        let timeout = timeout ?? configuration.callTimeout
        return (.after(timeout), timeout)
    }

    static func copyStatement(table: String, columns: [String]) throws(PostgresError) -> String {
        let quoted = try columns.map { (column) throws(PostgresError) in try quoteIdentifier(column) }
        return "COPY \(try quoteIdentifier(table)) (\(quoted.joined(separator: ", "))) FROM STDIN"
    }

    /// `"name"`, with inner quotes doubled: a name can never end the identifier early.
    static func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        guard !name.isEmpty, !name.utf8.contains(0) else {
            throw .invalidConfiguration("an identifier must be non-empty and free of NUL characters")
        }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Transaction isolation levels.
public enum PostgresIsolation: Sendable {
    case readCommitted, repeatableRead, serializable

    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
