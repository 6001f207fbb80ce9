import Foundation
import StoreSupport
import StoreTestSupport
import Testing
@testable import MongoClient

/// MongoClient's connections in StoreSupport's `ConnectionPool`: the wait bound, deadlines
/// from `DeadlineAlarms`, and the statistics `/health` reports, like PostgreSQL's and Redis's.
@Suite("the StoreSupport pool under MongoClient", .serialized)
struct PoolTests {
    struct WaitBound: Sendable, CustomTestStringConvertible {
        let poolSize: Int
        let acquireTimeout: Duration
        let callTimeout: Duration?
        /// What the error reports: the acquire timeout, or the call's timeout if shorter.
        let waited: Duration

        var testDescription: String {
            "\(poolSize) connections, acquire timeout \(acquireTimeout), call timeout \(callTimeout.map { "\($0)" } ?? "default")"
        }
    }

    @Test("every connection leased: a caller waits the bound, then gets poolExhausted with the pool's statistics", arguments: [
        WaitBound(poolSize: 1, acquireTimeout: .milliseconds(300), callTimeout: nil, waited: .milliseconds(300)),
        WaitBound(poolSize: 2, acquireTimeout: .milliseconds(300), callTimeout: nil, waited: .milliseconds(300)),
        WaitBound(poolSize: 1, acquireTimeout: .seconds(5), callTimeout: .milliseconds(250), waited: .milliseconds(250)),
    ])
    func waitBound(_ bound: WaitBound) async throws {
        let pool = try TestServer.pool(poolSize: bound.poolSize, acquireTimeout: bound.acquireTimeout)
        let admin = pool.database("admin")
        let holders = (0..<bound.poolSize).map { _ in
            Task { try await admin.runCommand(["sleep": .int32(1), "millis": .int32(1000)]) }
        }
        try await Task.sleep(for: .milliseconds(150))
        let started = ContinuousClock.now
        let statistics = PoolStatistics(
            maximumConnections: bound.poolSize, idle: 0, leased: bound.poolSize, connecting: 0, waiting: 1)
        await #expect(throws: MongoError.poolExhausted(waited: bound.waited, statistics: statistics)) {
            _ = try await pool.ping(timeout: bound.callTimeout)
        }
        let took = started.duration(to: .now)
        #expect(took >= bound.waited && took < bound.waited + .milliseconds(400))
        for holder in holders { _ = try await holder.value }
        #expect(pool.poolStatistics == PoolStatistics(
            maximumConnections: bound.poolSize, idle: bound.poolSize, leased: 0, connecting: 0, waiting: 0))
        await pool.shutdown()
    }

    /// Calls that can meet a server that has stopped answering, and the operation their
    /// timeout names.
    enum Call: String, CaseIterable, Sendable {
        case find, count, aggregate, ping, cursor

        var operation: String {
            switch self {
            case .cursor: "getMore"  // opening sends nothing; the first batch is the round trip
            default: rawValue
            }
        }

        func run(on items: MongoCollection, timeout: Duration) async throws {
            switch self {
            case .find: _ = try await items.find(timeout: timeout)
            case .count: _ = try await items.count(timeout: timeout)
            case .aggregate: _ = try await items.aggregate([.match(.all)], timeout: timeout)
            case .ping: _ = try await items.database.pool.ping(timeout: timeout)
            case .cursor: _ = try await items.cursor(timeout: timeout).nextBatch()
            }
        }
    }

    @Test("a frozen server: the call answers timeout at its deadline, and its connection comes back after the thaw",
          arguments: Call.allCases)
    func frozenServer(_ call: Call) async throws {
        let server = try MongoStandIn(ports: 26_000...31_999)
        let pool = try MongoPool(configuration: MongoConfiguration(url: server.url(), poolSize: 2))
        let items = pool.database().collection("frozen")
        try await items.insertOne(["_id": 1])
        server.freeze()
        let started = ContinuousClock.now
        await #expect(throws: MongoError.timeout(operation: call.operation, after: .milliseconds(300))) {
            try await call.run(on: items, timeout: .milliseconds(300))
        }
        let took = started.duration(to: .now)
        #expect(took >= .milliseconds(300) && took < .milliseconds(700))
        // The libmongoc call still waits for the server, on its connection.
        #expect(pool.poolStatistics == PoolStatistics(maximumConnections: 2, idle: 0, leased: 1, connecting: 0, waiting: 0))
        server.thaw()
        let thawed = ContinuousClock.now
        while pool.poolStatistics.leased > 0 && thawed.duration(to: .now) < .seconds(5) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(pool.poolStatistics == PoolStatistics(maximumConnections: 2, idle: 1, leased: 0, connecting: 0, waiting: 0))
        #expect(try await items.count() == 1)
        await pool.shutdown()
        server.stop()
    }

    @Test("statistics count leased and idle connections, and health reports them", arguments: [1, 2, 3])
    func statistics(concurrentCalls: Int) async throws {
        let pool = try TestServer.pool(poolSize: 3)
        #expect(pool.poolStatistics == PoolStatistics(maximumConnections: 3, idle: 0, leased: 0, connecting: 0, waiting: 0))
        let admin = pool.database("admin")
        let sleepers = (0..<concurrentCalls).map { _ in
            Task { try await admin.runCommand(["sleep": .int32(1), "millis": .int32(600)]) }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(pool.poolStatistics == PoolStatistics(
            maximumConnections: 3, idle: 0, leased: concurrentCalls, connecting: 0, waiting: 0))
        for sleeper in sleepers { _ = try await sleeper.value }
        let idle = PoolStatistics(maximumConnections: 3, idle: concurrentCalls, leased: 0, connecting: 0, waiting: 0)
        #expect(pool.poolStatistics == idle)
        let health = await pool.health()
        #expect(health.store == "mongodb" && health.isUp && health.latency != nil && health.failure == nil)
        #expect(health.pool == idle)
        await pool.shutdown()
        await #expect(throws: MongoError.shutDown) { _ = try await pool.ping() }
    }

    @Test("health of a server that is down: not up, the reason, and the pool")
    func healthOfADownServer() async throws {
        let server = try MongoStandIn(ports: 26_000...31_999)
        let url = server.url()
        server.stop()
        let pool = try MongoPool(configuration: MongoConfiguration(url: url, poolSize: 2, serverSelectionTimeout: .milliseconds(300)))
        let health = await pool.health(timeout: .seconds(2))
        #expect(health.store == "mongodb" && !health.isUp && health.latency == nil)
        // A client of its own tries to select the server once (libmongoc's serverSelectionTryOnce).
        #expect(health.failure == "connection error 13053 (domain 15): No suitable servers found (`serverSelectionTryOnce` set): "
            + "[connection refused calling hello on '127.0.0.1:\(server.port)']")
        // The client that could not select the server is dropped, not kept idle: libmongoc would
        // keep that server in a five-second cooldown, failing calls after it is back.
        #expect(health.pool == PoolStatistics(maximumConnections: 2, idle: 0, leased: 0, connecting: 0, waiting: 0))
        await pool.shutdown()
    }
}
