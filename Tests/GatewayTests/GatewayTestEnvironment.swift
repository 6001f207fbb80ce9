import Foundation
import Gateway
import GraphQLExecution
import GraphQLSchema
import MongoClient
import PostgresClient
import Prometheus
import RedisClient
import Seed
import Testing

/// A gateway over the small seeded data set, in stores of its own (`chorus_e2e` in
/// PostgreSQL and MongoDB, Redis database 2), shared by the read tests of one process.
///
/// Built from the URLs `scripts/test` exports; the data set is seeded once per process.
enum GatewayTestEnvironment {
    static let seed: UInt64 = 7
    /// An admin, who may read and write everything (AuthorizationTests check the others).
    static let admin = Viewer.user(id: UUID(), role: .admin)

    static var shared: Gateway {
        get async throws { try await environment.value }
    }

    private static let environment = Task { () throws -> Gateway in
        let environment = ProcessInfo.processInfo.environment
        func url(_ name: String, database: String) throws -> String {
            guard let url = environment[name], let slash = url.lastIndex(of: "/") else {
                throw GatewayConfigurationError("\(name) is not set: run the tests with scripts/test")
            }
            return url[...slash] + database
        }
        let postgres = PostgresClient(configuration: try PostgresConfiguration.fromEnvironment(
            ["DATABASE_URL": try url("DATABASE_URL", database: "chorus_e2e")]))
        let mongo = try MongoPool(configuration: MongoConfiguration(url: try url("MONGODB_URL", database: "chorus_e2e")))
        let redis = RedisClient(configuration: try RedisConfiguration(url: try url("REDIS_URL", database: "2")))
        let stores = GatewayStores(postgres: postgres, mongo: mongo, redis: redis)
        _ = try await Seeder(postgres: postgres, mongo: stores.mongo).run(size: .small, seed: seed, reset: true)
        _ = try await redis.send(RedisCommand("FLUSHDB"))
        return try Gateway(stores: stores, registry: PrometheusCollectorRegistry())
    }

    /// Executes a query and returns its JSON response as a Foundation value, failing on errors.
    static func data(_ query: String, variables: [String: CoercedValue] = [:]) async throws -> [String: Any] {
        let response = try await shared.execute(query, variables: variables, viewer: admin)
        guard response.result.errors.isEmpty, let data = response.result.data else {
            throw GatewayConfigurationError("the query failed: \(response.result.errors)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(ExecutionResult(data: data).json().utf8))
        return (json as! [String: Any])["data"] as! [String: Any]
    }
}

/// The suites over the seeded data set (`GatewayTestEnvironment`), one after another: some
/// write (bookings, a new doctor) while others compare GraphQL answers with direct reads.
@Suite(.serialized) enum SeededDataTests {}
