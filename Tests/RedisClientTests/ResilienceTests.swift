import Foundation
import RedisClient
import StoreSupport
import StoreTestSupport
import Testing

/// Servers of their own: DEBUG SLEEP blocks a whole server, and restarts would disturb the
/// other tests.
@Suite(.serialized) struct ResilienceTests {
    @Test func callPastItsTimeoutFailsAndTheNextOneSucceeds() async throws {
        try await PrivateRedisServer.with(port: 63829) { server in
            let client = try makeClient(port: 63829, maximumConnections: 1)
            defer { Task { await client.shutdown() } }
            let started = ContinuousClock.now
            await #expect(throws: RedisError.timeout(after: .milliseconds(200))) {
                try await client.send(RedisCommand("DEBUG", "SLEEP", "0.6"), timeout: .milliseconds(200))
            }
            let elapsed = started.duration(to: .now)
            #expect(elapsed >= .milliseconds(200) && elapsed < .milliseconds(550))
            // The timed-out connection is dropped (its late reply must not answer the next call).
            #expect(try await client.ping(timeout: .seconds(2)) > .zero)
            #expect(try await client.send(RedisCommand("ECHO", "fresh")) == .bulk(Array("fresh".utf8)))
        }
    }

    @Test func exhaustedPoolMakesCallersWaitThenTimeOut() async throws {
        try await PrivateRedisServer.with(port: 63839) { server in
            let client = try makeClient(port: 63839, maximumConnections: 1, acquireTimeout: .milliseconds(200))
            defer { Task { await client.shutdown() } }
            async let holder = client.send(RedisCommand("DEBUG", "SLEEP", "0.5"))
            try await Task.sleep(for: .milliseconds(50))
            await #expect {
                try await client.get("anything")
            } throws: { error in
                guard case .acquireTimeout(_, let statistics) = error as? ConnectionPoolError else { return false }
                return statistics == PoolStatistics(maximumConnections: 1, idle: 0, leased: 1, connecting: 0, waiting: 1)
            }
            #expect(try await holder == .status("OK"))
        }
    }

    @Test func nextCallAfterAServerRestartSucceeds() async throws {
        try await PrivateRedisServer.with(port: 63809) { server in
            let client = try makeClient(port: 63809, maximumConnections: 2)
            defer { Task { await client.shutdown() } }
            #expect(try await client.set("k", to: "before"))
            try await server.stop()
            // Down: the idle connection is found closed and a new one is refused; on a loaded
            // machine the reset can also surface on the send itself.
            await #expect { try await client.get("k") } throws: { error in
                switch error as? RedisError {
                case .connectionFailed(let message): message == "127.0.0.1:63809: Connection refused"
                case .connectionLost(let message): message == "Connection reset by peer" || message == "Server closed the connection"
                default: false
                }
            }
            try await server.start()
            #expect(try await client.get("k") == nil)  // nothing was saved
            try await client.set("k", to: "after")
            try await server.stop()
            try await server.start()
            for _ in 0..<4 { #expect(try await client.ping() > .zero) }
        }
    }

    @Test func subscriptionSurvivesAServerRestart() async throws {
        try await PrivateRedisServer.with(port: 63819) { server in
            let client = try makeClient(port: 63819)
            defer { Task { await client.shutdown() } }
            let subscription = try await client.subscribe(to: ["events"])
            defer { subscription.cancel() }
            #expect(try await client.publish("before", to: "events") == 1)
            try await server.stop()
            try await server.start()
            // Publish until the resubscribed connection is there to hear it.
            var delivered = 0
            for _ in 0..<50 where delivered == 0 {
                delivered = try await client.publish("after", to: "events")
                if delivered == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            var received: [String?] = []
            for try await message in subscription.messages {
                received.append(message.text)
                if received.count == 2 { break }
            }
            #expect(received == ["before", "after"])
        }
    }

    @Test func healthReportsLatencyOrTheFailure() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let health = await client.health()
        #expect(health.isUp && health.store == "redis" && health.failure == nil)
        #expect(health.latency.map { $0 > .zero && $0 < .seconds(1) } == true)
        let down = try makeClient(port: 1)
        defer { Task { await down.shutdown() } }
        let failed = await down.health()
        #expect(!failed.isUp && failed.latency == nil)
        #expect(failed.failure == "could not connect to Redis: 127.0.0.1:1: Connection refused")
    }

    @Test func missingURLIsAClearConfigurationError() {
        #expect(throws: RedisError.invalidConfiguration("REDIS_URL is not set")) {
            try RedisConfiguration.fromEnvironment([:])
        }
    }
}
