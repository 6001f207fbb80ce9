import Foundation
import MongoClient
import PostgresClient
import RedisClient
import StoreSupport

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

    /// How many connections each store's pool holds, and how long a call queues for one.
    public struct Pools: Sendable {
        public var postgres = 10
        public var mongo = 8
        public var redis = 10
        /// How long a call waits for a free connection before failing (the pool is exhausted).
        public var wait: Duration = .seconds(1)

        public init() {}
    }

    /// Clients for `DATABASE_URL`, `MONGODB_URL` and `REDIS_URL` (README, "The local stores").
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, pools: Pools = Pools()
    ) throws -> GatewayStores {
        guard let mongoURL = environment["MONGODB_URL"], !mongoURL.isEmpty else {
            throw GatewayConfigurationError("MONGODB_URL is not set")
        }
        var postgres = try PostgresConfiguration.fromEnvironment(environment)
        postgres.pool = ConnectionPoolConfiguration(maximumConnections: pools.postgres, acquireTimeout: pools.wait)
        var redis = try RedisConfiguration.fromEnvironment(environment)
        redis.pool = ConnectionPoolConfiguration(maximumConnections: pools.redis, acquireTimeout: pools.wait)
        return GatewayStores(
            postgres: PostgresClient(configuration: postgres),
            mongo: try MongoPool(
                configuration: MongoConfiguration(url: mongoURL, poolSize: pools.mongo, acquireTimeout: pools.wait)),
            redis: RedisClient(configuration: redis))
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
