import Foundation
import StoreSupport
import StoreTestSupport
import Testing
@testable import MongoClient

/// Failures a production pool must survive, against real servers.
@Suite("pool resilience", .serialized, .dropsScratchCollections)
struct ResilienceTests {
    @Test("a server restarted under the pool: the next call succeeds")
    func restart() async throws {
        let server = try MongoStandIn(ports: 26_000...31_999)
        let pool = try TestServer.pool(poolSize: 2, url: server.url())
        let items = pool.database().collection("restart")
        try await items.insertOne(["_id": 1])
        #expect(try await items.count() == 1)

        server.stop()
        try server.start()  // same port, empty memory

        #expect(try await items.find() == [])  // a read right after the restart
        try await items.insertOne(["_id": 2])  // and a write
        #expect(try await items.find() == [["_id": 2]])
        server.stop()
        try server.start()
        try await items.insertOne(["_id": 3])  // a write first after a restart
        #expect(try await items.find() == [["_id": 3]])
        await pool.shutdown()
    }

    @Test("with the server down, a call fails with a connection error within its time")
    func serverDown() async throws {
        let server = try MongoStandIn(ports: 26_000...31_999)
        let url = server.url()
        server.stop()
        let pool = try MongoPool(configuration: MongoConfiguration(url: url, poolSize: 1, serverSelectionTimeout: .milliseconds(300)))
        let start = ContinuousClock.now
        do {
            _ = try await pool.ping()
            Issue.record("ping should have failed")
        } catch MongoError.connection(let domain, _, let message) {
            #expect(domain == 15)  // MONGOC_ERROR_SERVER_SELECTION
            #expect(message.contains("No suitable servers found"))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        await pool.shutdown()
    }

    @Test("a call exceeding its timeout fails with the timeout error, and the pool recovers")
    func timeout() async throws {
        let pool = try TestServer.pool(poolSize: 2)
        let admin = pool.database("admin")
        let start = ContinuousClock.now
        await #expect(throws: MongoError.timeout(operation: "sleep", after: .milliseconds(200))) {
            try await admin.runCommand(["sleep": .int32(1), "millis": .int32(1500)], timeout: .milliseconds(200))
        }
        #expect(ContinuousClock.now - start < .milliseconds(1000))
        _ = try await pool.ping()  // the other connection is free meanwhile
        try await Task.sleep(for: .milliseconds(1500))
        #expect(pool.poolStatistics.leased == 0)  // the timed-out call gave its connection back
        await pool.shutdown()
    }

    @Test("pool exhaustion: callers wait their turn, then fail with a clear error")
    func exhaustion() async throws {
        let pool = try TestServer.pool(poolSize: 1, acquireTimeout: .milliseconds(300))
        let admin = pool.database("admin")
        let busy = Task { try await admin.runCommand(["sleep": .int32(1), "millis": .int32(1000)]) }
        try await waitUntil { pool.poolStatistics.leased == 1 }
        let start = ContinuousClock.now
        let statistics = PoolStatistics(maximumConnections: 1, idle: 0, leased: 1, connecting: 0, waiting: 1)
        await #expect(throws: MongoError.poolExhausted(waited: .milliseconds(300), statistics: statistics)) {
            _ = try await pool.ping()
        }
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(300) && waited < .milliseconds(800))
        #expect(MongoError.poolExhausted(waited: .milliseconds(300), statistics: statistics).description
            == "all 1 MongoDB connections stayed busy for 300 ms (1 of 1 connections in use, 0 idle, 0 connecting, "
            + "1 callers waiting); raise the pool size or find the slow calls")
        _ = try await busy.value

        // With a longer acquire timeout, queued callers are served in turn.
        let patient = try TestServer.pool(poolSize: 1, acquireTimeout: .seconds(5))
        let sleeper = patient.database("admin")
        let first = Task { try await sleeper.runCommand(["sleep": .int32(1), "millis": .int32(300)]) }
        try await Task.sleep(for: .milliseconds(50))
        let queuedStart = ContinuousClock.now
        async let second = patient.ping()
        async let third = patient.ping()
        _ = try await (second, third, first.value)
        #expect(ContinuousClock.now - queuedStart >= .milliseconds(200))
        await pool.shutdown()
        await patient.shutdown()
    }

    @Test("a caller cancelled while queued for a connection stops waiting at once")
    func cancelledWhileQueued() async throws {
        let pool = try TestServer.pool(poolSize: 1, acquireTimeout: .seconds(10))
        let admin = pool.database("admin")
        let busy = Task { try await admin.runCommand(["sleep": .int32(1), "millis": .int32(800)]) }
        try await waitUntil { pool.poolStatistics.leased == 1 }
        let queued = Task { try await pool.ping() }
        try await waitUntil { pool.poolStatistics.waiting == 1 }
        let start = ContinuousClock.now
        queued.cancel()
        await #expect(throws: CancellationError.self) { _ = try await queued.value }
        #expect(ContinuousClock.now - start < .milliseconds(300))
        _ = try await busy.value
        #expect(try await pool.ping() > .zero)  // the permit was not lost
        #expect(pool.poolStatistics.leased == 0)
        await pool.shutdown()
    }

    @Test("an oversized document gets a clear error before it is sent")
    func oversized() async throws {
        let pool = try TestServer.pool()
        let items = TestServer.scratchCollection(pool, "big")
        let big = String(repeating: "x", count: 17 * 1024 * 1024)
        do {
            try await items.insertOne(["_id": 1, "blob": .string(big)])
            Issue.record("a 17 MiB document should be refused")
        } catch let error as MongoError {
            guard case .client(_, _, let message) = error else {
                Issue.record("expected a client-side error, got \(error)")
                return
            }
            #expect(message.contains("too large"))
        }
        #expect(try await items.count() == 0)
        try await items.insertOne(["_id": 2, "blob": .string(String(repeating: "y", count: 1024 * 1024))])
        #expect(try await items.count() == 1)
    }

    @Test("the pool's heartbeats (legacy OP_QUERY hello) keep it healthy")
    func heartbeats() async throws {
        let url = try TestServer.url()
        let pool = try TestServer.pool(url: url + (url.contains("?") ? "&" : "?") + "heartbeatFrequencyMS=500")
        _ = try await pool.ping()
        try await Task.sleep(for: .seconds(2))  // about four heartbeats
        #expect(try await pool.ping() < .seconds(1))
        await pool.shutdown()
    }

    @Test("an invalid URL is rejected with its reason")
    func invalidURL() {
        #expect(throws: MongoError.self) { try MongoPool(configuration: MongoConfiguration(url: "postgres://nope")) }
    }
}

/// Waits, at most five seconds, for a state another task brings about (a connection leased, a
/// caller queued): a fixed sleep would be too short on a loaded machine.
func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
}
