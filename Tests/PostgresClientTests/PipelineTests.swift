import Foundation
import PostgresClient
import StoreSupport
import Testing

/// `PostgresClient.pipeline`: several statements in one round trip. Serialized, because some
/// tests measure time.
@Suite(.serialized) struct PipelineTests {
    @Test func statementsReturnTheirRowsInOrder() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "id serial PRIMARY KEY, value text NOT NULL") { (table) async throws in
            let results = try await client.pipeline([
                PostgresStatement("SELECT $1::int4 + 1 AS next", [.int32(41)]),
                PostgresStatement("INSERT INTO \(table) (value) VALUES ($1), ($2)", ["a", "b"]),
                PostgresStatement("SELECT id, value FROM \(table) ORDER BY id"),
                PostgresStatement("SELECT g AS n, $1 || g AS label FROM generate_series(1, $2) AS g", ["item ", .int32(3)]),
                PostgresStatement("SELECT $1::text AS nothing WHERE false", ["x"]),
                PostgresStatement("SELECT $1::int4 + 1 AS next", [.int32(1)]),
            ])
            #expect(results.map { $0.columns.map(\.name) } == [["next"], [], ["id", "value"], ["n", "label"], ["nothing"], ["next"]])
            #expect(results.map { $0.map(\.values) } == [
                [[.int32(42)]],
                [],
                [[.int32(1), "a"], [.int32(2), "b"]],
                [[.int32(1), "item 1"], [.int32(2), "item 2"], [.int32(3), "item 3"]],
                [],
                [[.int32(2)]],
            ])
            #expect(results.map(\.affectedRows) == [1, 2, 2, 3, 0, 1])
            #expect(try await client.query("SELECT value FROM \(table) ORDER BY id").map { $0[0] } == ["a", "b"])
        }
    }

    @Test func statementsShareOneSessionAndOneImplicitTransaction() async throws {
        let client = try sharedClient()
        let statement = PostgresStatement("SELECT pg_backend_pid() AS pid, txid_current() AS transaction")
        let first = try await client.pipeline([statement, statement, statement]).map { $0[0].values }
        #expect(first.count == 3)
        #expect(Set(first).count == 1)
        let next = try await client.pipeline([statement, statement]).map { $0[0].values }
        #expect(Set(next).count == 1)
        #expect(next[0][1] != first[0][1])
    }

    @Test func oneStatementAnswersAsQueryDoes() async throws {
        let client = try sharedClient()
        let sql = "SELECT $1::int8 AS n, $2::text AS t, NULL::bool AS b"
        let piped = try await client.pipeline([PostgresStatement(sql, [.int64(7), "seven"])])
        let queried = try await client.query(sql, [.int64(7), "seven"])
        #expect(piped.count == 1)
        #expect(piped[0].columns == queried.columns)
        #expect(piped[0].map(\.values) == [[.int64(7), "seven", .null]])
        #expect(queried.map(\.values) == [[.int64(7), "seven", .null]])

        let division = "SELECT 1 / $1::int4"
        let pipelineError = await error { _ = try await client.pipeline([PostgresStatement(division, [.int32(0)])]) }
        let queryError = await error { _ = try await client.query(division, [.int32(0)]) }
        #expect(pipelineError == queryError)
        #expect(pipelineError.map { "\($0)" } == "PostgreSQL error 22012: division by zero")
    }

    @Test func failingStatementThrowsItsErrorAndTheConnectionsStayInUse() async throws {
        let client = try makeClient(maximumConnections: 3)
        defer { Task { await client.shutdown() } }
        let before = try await backendPIDs(client, count: 3)
        #expect(before.count == 3)
        try await withScratchTable(client, "n int NOT NULL") { (table) async throws in
            // Three at once, each holding a connection for 0.3 s: every pooled connection fails one.
            let errors = await withTaskGroup(of: PostgresError?.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        await error {
                            _ = try await client.pipeline([
                                PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int32(1)]),
                                PostgresStatement("SELECT pg_sleep(0.3)"),
                                PostgresStatement("SELECT 1 / $1::int4", [.int32(0)]),
                                PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int32(2)]),
                            ])
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1.map { "\($0)" }) }
            }
            #expect(errors == Array(repeating: "PostgreSQL error 22012: division by zero", count: 3))
            // The statement before the failure was rolled back, the one after it skipped.
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
        }
        #expect(try await backendPIDs(client, count: 3) == before)
    }

    @Test func statementsPreparedBeforeAFailureStayPrepared() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let doubled = PostgresStatement("SELECT $1::int4 * 2 AS doubled", [.int32(4)])
        let shout = PostgresStatement("SELECT upper($1::text) AS shout", ["hi"])
        await #expect { try await client.pipeline([doubled, PostgresStatement("SELEC 1"), shout]) } throws: {
            ($0 as? PostgresError)?.sqlState == .syntaxError
        }
        let results = try await client.pipeline([doubled, shout, doubled])
        #expect(results.map { $0.map(\.values) } == [[[.int32(8)]], [["HI"]], [[.int32(8)]]])
        let prepared = try await client.query(
            "SELECT statement FROM pg_prepared_statements WHERE statement = ANY($1) ORDER BY name",
            [PostgresValue([doubled.sql, shout.sql, "SELEC 1"])])
        #expect(prepared.map { $0[0] } == [.text(doubled.sql), .text(shout.sql)])
    }

    @Test func anErrorCommittingTheImplicitTransactionIsThrown() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        try await withScratchTable(client, "n int CONSTRAINT scratch_n_key UNIQUE DEFERRABLE INITIALLY DEFERRED") {
            (table) async throws in
            let pid = try await client.query("SELECT pg_backend_pid()")[0][0]
            let insert = PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int32(1)])
            await #expect {
                try await client.pipeline([insert, insert])
            } throws: { error in
                let error = error as? PostgresError
                return error?.isUniqueViolation == true && error?.constraint == "scratch_n_key"
            }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
            #expect(try await client.query("SELECT pg_backend_pid()")[0][0] == pid)
        }
    }

    @Test func noStatementsNeedNoConnection() async throws {
        // Nothing listens on port 1: a call that took a connection would fail.
        let client = try makeClient(url: "postgresql://postgres@127.0.0.1:1/nothing")
        defer { Task { await client.shutdown() } }
        #expect(try await client.pipeline([]).isEmpty)
        #expect(client.poolStatistics == PoolStatistics(maximumConnections: 4, idle: 0, leased: 0, connecting: 0, waiting: 0))
    }

    /// Through a proxy that adds 300 ms to every round trip, four statements, each new to the
    /// connection (so each also needs preparing), take one round trip; one by one, they take four.
    @Test func statementsTakeOneRoundTrip() async throws {
        let delay = Duration.milliseconds(300)
        var url = try #require(URLComponents(string: try databaseURL()))
        let proxy = try LatencyProxy(to: try #require(url.host), port: url.port ?? 5432, delay: delay)
        defer { proxy.stop() }
        url.host = "127.0.0.1"
        url.port = proxy.port
        let client = try makeClient(url: url.string, maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        _ = try await client.query("SELECT 1")  // opens the connection

        let statements = (1...4).map { PostgresStatement("SELECT $1::int4 * \($0) AS product", [.int32(10)]) }
        let started = ContinuousClock.now
        let results = try await client.pipeline(statements)
        let pipelined = started.duration(to: .now)
        #expect(results.map { $0.map(\.values) } == [[[.int32(10)]], [[.int32(20)]], [[.int32(30)]], [[.int32(40)]]])
        #expect(pipelined >= delay && pipelined < delay * 2, "took \(pipelined)")

        let oneByOne = ContinuousClock.now
        for statement in statements { _ = try await client.query(statement.sql, statement.parameters) }
        #expect(oneByOne.duration(to: .now) >= delay * 4)
    }

    @Test func pipelinePastItsTimeoutIsCancelledAndTheConnectionReused() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let pid = try await client.query("SELECT pg_backend_pid()")[0][0]
        let started = ContinuousClock.now
        await #expect(throws: PostgresError.timeout(after: .milliseconds(300))) {
            try await client.pipeline(
                [PostgresStatement("SELECT 1"), PostgresStatement("SELECT pg_sleep(5)"), PostgresStatement("SELECT 2")],
                timeout: .milliseconds(300))
        }
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(2), "took \(elapsed)")
        #expect(try await client.query("SELECT pg_backend_pid()")[0][0] == pid)
        let after = try await client.pipeline([PostgresStatement("SELECT 3"), PostgresStatement("SELECT pg_backend_pid()")])
        #expect(after.map { $0.map(\.values) } == [[[.int32(3)]], [[pid]]])
    }

    @Test func cancellingTheTaskCancelsThePipeline() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let pid = try await client.query("SELECT pg_backend_pid()")[0][0]
        let sleeper = Task { try await client.pipeline([PostgresStatement("SELECT 1"), PostgresStatement("SELECT pg_sleep(10)")]) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        sleeper.cancel()
        await #expect(throws: PostgresError.cancelled) { try await sleeper.value }
        #expect(started.duration(to: .now) < .seconds(2))
        #expect(try await client.query("SELECT pg_backend_pid()")[0][0] == pid)
    }
}

/// The error `body` throws, as a `PostgresError`; nil when it throws none (or another type).
private func error(_ body: () async throws -> Void) async -> PostgresError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? PostgresError
    }
}

/// The backend pids of `count` pooled connections, held at once by statements that sleep.
private func backendPIDs(_ client: PostgresClient, count: Int) async throws -> Set<PostgresValue> {
    try await withThrowingTaskGroup(of: PostgresValue.self) { group in
        for _ in 0..<count {
            group.addTask { try await client.query("SELECT pg_backend_pid() FROM pg_sleep(0.3)")[0][0] }
        }
        return try await group.reduce(into: []) { $0.insert($1) }
    }
}
