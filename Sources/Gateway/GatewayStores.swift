import Foundation
import MongoClient
import PostgresClient
import RedisClient

/// The three stores a gateway reads and writes, with their clients' pools.
public struct GatewayStores: Sendable {
    public let postgres: PostgresClient
    public let mongo: MongoDatabase
    public let redis: RedisClient
    public let mongoPool: MongoPool

    public init(postgres: PostgresClient, mongo: MongoPool, redis: RedisClient) {
        self.postgres = postgres
        self.mongoPool = mongo
        self.mongo = mongo.database()
        self.redis = redis
    }

    /// Clients for `DATABASE_URL`, `MONGODB_URL` and `REDIS_URL` (DESIGN.md §6).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> GatewayStores
    {
        guard let mongoURL = environment["MONGODB_URL"], !mongoURL.isEmpty else {
            throw GatewayConfigurationError("MONGODB_URL is not set")
        }
        return GatewayStores(
            postgres: PostgresClient(configuration: try .fromEnvironment(environment)),
            mongo: try MongoPool(configuration: MongoConfiguration(url: mongoURL)),
            redis: RedisClient(configuration: try .fromEnvironment(environment)))
    }

    /// Closes every pool.
    public func shutdown() async {
        await postgres.shutdown()
        await mongoPool.shutdown()
        await redis.shutdown()
    }
}

/// A gateway that cannot start: a missing setting, or a schema and resolvers that disagree.
public struct GatewayConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
