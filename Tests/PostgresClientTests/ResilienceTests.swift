import Foundation
import PostgresClient
import StoreSupport
import StoreTestSupport
import Synchronization
import Testing

/// Timeouts, pool exhaustion, restarts and health, against real servers.
@Suite(.serialized) struct ResilienceTests {
    @Test func statementPastItsTimeoutIsCancelledAndTheConnectionReused() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let pid = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
        let started = ContinuousClock.now
        await #expect(throws: PostgresError.timeout(after: .milliseconds(300))) {
            try await client.query("SELECT pg_sleep(5)", timeout: .milliseconds(300))
        }
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(2))
        // The server cancelled the statement; the same session carries on.
        #expect(try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0) == pid)
    }

    @Test func cancellingTheTaskCancelsTheStatement() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let pid = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
        let sleeper = Task { try await client.query("SELECT pg_sleep(10)") }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        sleeper.cancel()
        await #expect(throws: PostgresError.cancelled) { try await sleeper.value }
        #expect(started.duration(to: .now) < .seconds(2))
        #expect(try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0) == pid)
    }

    @Test func timeoutInsideATransactionRollsItBack() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        try await withScratchTable(client, "n int") { (table) async throws in
            await #expect(throws: PostgresError.timeout(after: .milliseconds(200))) {
                try await client.withTransaction { transaction in
                    try await transaction.execute("INSERT INTO \(table) VALUES (1)")
                    try await transaction.execute("SELECT pg_sleep(5)", timeout: .milliseconds(200))
                }
            }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
        }
    }

    @Test func exhaustedPoolMakesCallersWaitThenTimeOut() async throws {
        let client = try makeClient(maximumConnections: 1, acquireTimeout: .milliseconds(300))
        defer { Task { await client.shutdown() } }
        async let holder = client.query("SELECT pg_sleep(1)")
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        await #expect {
            try await client.query("SELECT 1")
        } throws: { error in
            guard case .acquireTimeout(_, let statistics) = error as? ConnectionPoolError else { return false }
            return statistics == PoolStatistics(maximumConnections: 1, idle: 0, leased: 1, connecting: 0, waiting: 1)
                && "\(error)".hasPrefix("timed out after 3")
                && "\(error)".hasSuffix("waiting for a pooled connection (1 of 1 connections in use, 0 idle, 0 connecting, 1 callers waiting); raise the pool size or the acquire timeout, or look for slow calls holding connections")
        }
        #expect(started.duration(to: .now) < .milliseconds(900))
        _ = try await holder
        // A caller that waits less than the holder needs is served.
        async let second = client.query("SELECT pg_sleep(0.2)")
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await client.query("SELECT 2")[0][0] == .int32(2))
        _ = try await second
    }

    @Test func nextCallAfterAServerRestartSucceeds() async throws {
        try await PrivatePostgresServer.with(port: 54339) { server in
            let client = try makeClient(url: server.url, maximumConnections: 2)
            defer { Task { await client.shutdown() } }
            let before = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            try await server.stop()
            await #expect { try await client.query("SELECT 1") } throws: { error in
                guard case .connectionFailed(let message) = error as? PostgresError else { return false }
                return message.contains("54339")
            }
            try await server.start()
            let after = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            #expect(after != before)
            // Restart with the pool holding idle connections: none is handed out stale.
            try await server.stop()
            try await server.start()
            for _ in 0..<4 { #expect(try await client.query("SELECT 1")[0][0] == .int32(1)) }
        }
    }

    /// A server that stops answering (SIGSTOP) cannot acknowledge the cancel request either.
    /// The call still ends at its deadline, not when the server resumes; its connection stays
    /// leased through the cancel's grace period (2 s), then is replaced.
    @Test func callToAFrozenServerEndsAtItsDeadline() async throws {
        try await PrivatePostgresServer.with(port: 54339) { server in
            let client = try makeClient(url: server.url, maximumConnections: 1)
            defer { Task { await client.shutdown() } }
            let before = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            try server.freeze()
            let started = ContinuousClock.now
            let frozen = Task { try await client.query("SELECT 1", timeout: .milliseconds(500)) }
            let resume = Task {
                try await Task.sleep(for: .seconds(6))
                try server.thaw()
            }
            await #expect(throws: PostgresError.timeout(after: .milliseconds(500))) { try await frozen.value }
            let elapsed = started.duration(to: .now)
            #expect(elapsed >= .milliseconds(500) && elapsed < .milliseconds(1500), "\(elapsed)")
            #expect(client.poolStatistics.leased == 1)
            for _ in 0..<100 where client.poolStatistics.leased > 0 { try await Task.sleep(for: .milliseconds(50)) }
            #expect(client.poolStatistics == PoolStatistics(maximumConnections: 1, idle: 0, leased: 0, connecting: 0, waiting: 0))
            try await resume.value
            #expect(try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0) != before)
        }
    }

    /// In a transaction the caller holds the connection, so the grace period would be its wait:
    /// there the connection is given up at the deadline instead, which rolls the transaction back.
    @Test func transactionOnAFrozenServerEndsAtItsDeadlineAndRollsBack() async throws {
        try await PrivatePostgresServer.with(port: 54339) { server in
            let client = try makeClient(url: server.url, maximumConnections: 1)
            defer { Task { await client.shutdown() } }
            try await client.execute(unsafeSQL: "CREATE TABLE frozen_writes (n int)")
            let before = try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            let frozenAt = Mutex<ContinuousClock.Instant?>(nil)
            await #expect(throws: PostgresError.timeout(after: .milliseconds(500))) {
                try await client.withTransaction { transaction in
                    try await transaction.execute("INSERT INTO frozen_writes VALUES (1)")
                    try server.freeze()
                    frozenAt.withLock { $0 = .now }
                    try await transaction.execute("INSERT INTO frozen_writes VALUES (2)", timeout: .milliseconds(500))
                }
            }
            let elapsed = try #require(frozenAt.withLock { $0 }).duration(to: .now)
            #expect(elapsed >= .milliseconds(500) && elapsed < .milliseconds(1500), "\(elapsed)")
            try server.thaw()
            #expect(try await client.query("SELECT count(*) FROM frozen_writes")[0][0] == .int64(0))
            #expect(try await client.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0) != before)
        }
    }

    @Test func healthReportsLatencyOrTheFailure() async throws {
        let client = try sharedClient()
        let health = await client.health()
        #expect(health.isUp)
        #expect(health.store == "postgresql")
        #expect(health.failure == nil)
        #expect(health.latency.map { $0 > .zero && $0 < .seconds(1) } == true)

        let down = try makeClient(url: "postgresql://postgres@127.0.0.1:1/nothing")
        defer { Task { await down.shutdown() } }
        let failed = await down.health()
        #expect(!failed.isUp)
        #expect(failed.latency == nil)
        #expect(failed.failure?.hasPrefix("could not connect to PostgreSQL: connection to server at \"127.0.0.1\", port 1 failed: Connection refused") == true)
    }

    @Test func missingURLIsAClearConfigurationError() {
        #expect(throws: PostgresError.invalidConfiguration("DATABASE_URL is not set")) {
            try PostgresConfiguration.fromEnvironment([:])
        }
    }
}
