import StoreSupport

/// The statements of one transaction, on the connection it holds.
///
/// Valid only inside `PostgresClient.withTransaction`; each call's deadline is the
/// transaction's, or the call's own timeout when that ends sooner. A statement past its
/// deadline is cancelled and its connection given up at once, which rolls the transaction back:
/// the caller, who holds the connection, is not kept waiting for a silent server's
/// acknowledgement.
public final class PostgresTransaction: Sendable {
    private let connection: PostgresConnection
    private let executor: BlockingExecutor
    private let deadline: Deadline
    private let timeout: Duration

    init(connection: PostgresConnection, executor: BlockingExecutor, deadline: Deadline, timeout: Duration) {
        self.connection = connection
        self.executor = executor
        self.deadline = deadline
        self.timeout = timeout
    }

    public func query(_ sql: String, _ parameters: [PostgresValue] = [], timeout: Duration? = nil) async throws -> PostgresRows {
        let (deadline, timeout) = limits(timeout)
        let connection = connection
        return try await PostgresClient.run(on: executor) { cancellation in
            try connection.query(sql, parameters, prepared: true, deadline: deadline, timeout: timeout,
                                 cancellation: cancellation, cancelGrace: .zero)
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = [], timeout: Duration? = nil) async throws -> Int {
        try await query(sql, parameters, timeout: timeout).affectedRows
    }

    public func execute(unsafeSQL sql: String, timeout: Duration? = nil) async throws {
        let (deadline, _) = limits(timeout)
        try await run(unsafeSQL: sql, deadline: deadline)
    }

    @discardableResult
    public func copy(into table: String, columns: [String], rows: [[PostgresValue]], timeout: Duration? = nil) async throws -> Int {
        let statement = try PostgresClient.copyStatement(table: table, columns: columns)
        let (deadline, timeout) = limits(timeout)
        let connection = connection
        return try await executor.run {
            try connection.copy(statement, rows: rows, deadline: deadline, timeout: timeout)
        }
    }

    func run(unsafeSQL sql: String, deadline: Deadline? = nil) async throws {
        let deadline = deadline ?? self.deadline
        let (connection, timeout) = (connection, timeout)
        try await executor.run {
            try connection.execute(unsafeSQL: sql, deadline: deadline, timeout: timeout, cancelGrace: .zero)
        }
    }

    private func limits(_ own: Duration?) -> (Deadline, Duration) {
        guard let own else { return (deadline, timeout) }
        let ownDeadline = Deadline.after(own)
        return ownDeadline < deadline ? (ownDeadline, own) : (deadline, timeout)
    }
}
