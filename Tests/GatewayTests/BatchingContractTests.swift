import Foundation
import Gateway
import Prometheus
import RedisClient
import Testing

extension SeededDataTests {
    /// The batching contract (ARCHITECTURE.md §6, "One loader per store per request"): round trips to each store are at most the number of
    /// query levels that touch it, whatever the list sizes; `extensions.trace` shows it.
    @Suite struct BatchingContractTests {
        /// 100 users × their consultations × each consultation's doctor and record entry × the
        /// users' posts and their comments.
        static let query = """
            { users(first: 100) { nodes { email
                consultations(first: 20) { nodes { status doctor { specialty } record { diagnosis } } }
                posts(first: 20) { nodes { title comments(first: 20) { nodes { body } } } } } } }
            """

        @Test func oneRoundTripPerStorePerLevel() async throws {
            let shared = try await GatewayTestEnvironment.shared
            // A gateway of its own over an empty Redis database, so the first run is cold.
            let environment = ProcessInfo.processInfo.environment
            let redisURL = environment["REDIS_URL"]!
            let redis = RedisClient(configuration: try RedisConfiguration(url: redisURL[...redisURL.lastIndex(of: "/")!] + "3"))
            _ = try await redis.send(RedisCommand("FLUSHDB"))
            let gateway = try Gateway(
                stores: GatewayStores(postgres: shared.stores.postgres, mongo: shared.stores.mongoPool, redis: redis),
                registry: PrometheusCollectorRegistry())

            let cold = await gateway.execute(Self.query, trace: true, viewer: GatewayTestEnvironment.admin)
            #expect(cold.result.errors.isEmpty)
            let json = cold.result.json()
            // The query reaches every level: records, posts and comments exist in the answer.
            try #require(json.contains("\"diagnosis\":\""))
            try #require(json.contains("\"body\":\""))
            // PostgreSQL: users (level 1), consultations (2), doctors missing from the cache (3).
            // MongoDB: posts (2); records and comments together (3). Redis: the doctors' MGET (3).
            #expect(cold.trace.counts(for: .postgres).roundTrips == 3)
            #expect(cold.trace.counts(for: .mongo).roundTrips == 2)
            #expect(cold.trace.counts(for: .redis).roundTrips == 1)
            #expect(cold.trace.counts(for: .redis).cacheHits == 0)
            let doctors = cold.trace.counts(for: .redis).cacheMisses
            #expect(doctors > 1)
            #expect(json.contains("\"trace\"") == false)  // the trace is in extensions, not data
            #expect(cold.extensions != nil)

            // The cache fills land after the response; once they have, the doctors come from Redis.
            for _ in 0..<100 {
                if case .integer(let size) = try await redis.send(RedisCommand("DBSIZE")), size >= doctors { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let warm = await gateway.execute(Self.query, trace: true, viewer: GatewayTestEnvironment.admin)
            #expect(warm.result.json() == json)
            #expect(warm.trace.counts(for: .postgres).roundTrips == 2)
            #expect(warm.trace.counts(for: .mongo).roundTrips == 2)
            #expect(warm.trace.counts(for: .redis).roundTrips == 1)
            #expect(warm.trace.counts(for: .redis).cacheHits == doctors)
            #expect(warm.trace.counts(for: .redis).cacheMisses == 0)
        }
    }
}
