import CLibPQ
import StoreSupport

extension PostgresConnection {
    /// What the pipeline sent, in the order libpq returns the results: each result is followed
    /// by a NULL from `PQgetResult`, which `awaitResult` reads up to.
    private enum Step {
        /// Prepares a statement first seen on this connection; cached once the server accepts it.
        case prepare(key: String, name: String)
        /// Runs one statement.
        case execute
    }

    /// Runs `statements` in one network round trip with libpq's pipeline mode (libpq manual,
    /// 34.5 "Pipeline Mode"): sends each statement (prepared on first use, as `query` does,
    /// within the same round trip), then one Sync, then reads the results in order.
    ///
    /// Up to the Sync the server runs the statements in one implicit transaction: when one
    /// fails, the server skips the rest (`PGRES_PIPELINE_ABORTED`) and rolls back those before
    /// it; the call reads on to the Sync and throws the failed statement's error. Deadline and
    /// cancellation work as in `query`, over the whole pipeline. The connection leaves pipeline
    /// mode before the call returns, or is left broken.
    func pipeline(
        _ statements: [PostgresStatement], deadline: Deadline, timeout: Duration,
        cancellation: CancellationFlag? = nil
    ) throws(PostgresError) -> [PostgresRows] {
        var encoded: [[String?]] = []
        for statement in statements { encoded.append(try encode(statement.parameters)) }
        return try handle.withLock { (handle) throws(PostgresError) -> [PostgresRows] in
            let connection = try open(&handle)
            guard PQenterPipelineMode(connection) == 1 else { throw lost(&handle, connection) }
            let steps = try send(statements, encoded, &handle, connection)

            var wait = ResultWait(deadline: deadline, grace: limits.cancelGracePeriod)
            var rows: [PostgresRows] = []
            var failure: PostgresError? = nil
            for step in steps {
                let result: OpaquePointer
                do throws(PostgresError) {
                    result = try awaitResult(&handle, connection, wait: &wait, timeout: timeout, cancellation: cancellation)
                } catch {
                    if handle.isBroken { throw error }
                    if failure == nil { failure = error }
                    continue
                }
                defer { PQclear(result) }
                if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                    if failure == nil { failure = .protocolViolation("the server skipped a statement of the pipeline") }
                    continue
                }
                switch step {
                case .prepare(let key, let name):
                    handle.statements[key] = name
                case .execute:
                    guard failure == nil else { continue }
                    do throws(PostgresError) { rows.append(try Self.rows(of: result)) } catch { failure = error }
                }
            }
            try finish(&handle, connection, wait: &wait, timeout: timeout, cancellation: cancellation, failure: &failure)
            if let failure { throw failure }
            return rows
        }
    }

    /// Queues every statement, and the preparation of those not yet prepared here, then the Sync
    /// that sends them all. A statement that repeats in the pipeline is prepared once.
    private func send(
        _ statements: [PostgresStatement], _ encoded: [[String?]], _ handle: inout Handle, _ connection: OpaquePointer
    ) throws(PostgresError) -> [Step] {
        var steps: [Step] = []
        var preparing: [String: String] = [:]
        for (statement, texts) in zip(statements, encoded) {
            let types = statement.parameters.map { $0.dataType.rawValue }
            let key = Self.statementKey(statement.sql, types: types)
            var name = handle.statements[key] ?? preparing[key]
            // A full cache falls back to unnamed statements, as in `query`.
            if name == nil, handle.statements.count + preparing.count < limits.statementCacheCapacity {
                let new = "chorus_\(handle.statements.count + preparing.count + 1)"
                guard PQsendPrepare(connection, new, statement.sql, Int32(types.count), types) == 1 else {
                    throw lost(&handle, connection)
                }
                preparing[key] = new
                steps.append(.prepare(key: key, name: new))
                name = new
            }
            let sent = withOptionalCStrings(texts) { values in
                if let name {
                    PQsendQueryPrepared(connection, name, Int32(texts.count), values, nil, nil, 1)
                } else {
                    PQsendQueryParams(connection, statement.sql, Int32(texts.count), types, values, nil, nil, 1)
                }
            }
            guard sent == 1 else { throw lost(&handle, connection) }
            steps.append(.execute)
        }
        guard PQpipelineSync(connection) == 1 else { throw lost(&handle, connection) }
        return steps
    }

    /// Reads the Sync's result and leaves pipeline mode. An error committing the implicit
    /// transaction (a deferred constraint, say) arrives here, before the Sync's result.
    private func finish(
        _ handle: inout Handle, _ connection: OpaquePointer, wait: inout ResultWait, timeout: Duration,
        cancellation: CancellationFlag?, failure: inout PostgresError?
    ) throws(PostgresError) {
        var synced = false
        // One read for the Sync, one more when an error came before it.
        for _ in 0..<2 where !synced {
            do throws(PostgresError) {
                let result = try awaitResult(&handle, connection, wait: &wait, timeout: timeout, cancellation: cancellation)
                synced = PQresultStatus(result) == PGRES_PIPELINE_SYNC
                PQclear(result)
            } catch {
                if handle.isBroken { throw error }
                if failure == nil { failure = error }
            }
        }
        guard synced, PQexitPipelineMode(connection) == 1 else {
            handle.isBroken = true
            throw failure ?? .protocolViolation("the pipeline did not end with its Sync")
        }
    }
}
