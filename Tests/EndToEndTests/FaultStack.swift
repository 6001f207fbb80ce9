import Foundation
import MongoClient
import PostgresClient
import RedisClient
import StoreTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL, Redis and the MongoDB stand-in of the fault tests' own, seeded once with the
/// small data set: the tests stop, kill and freeze them, which the servers other suites share
/// must never see. Ports come from 20000–25999, apart from the store-client suites' (26000–31999
/// for MongoDB, fixed ports above 54000 and 63000 for PostgreSQL and Redis).
final class FaultStack: Sendable {
    let postgresServer: PrivatePostgresServer
    let redisServer: PrivateRedisServer
    let mongoServer: MongoStandIn
    /// What `chorus serve` and `chorus seed` get: the three stores' URLs.
    let environment: [String: String]
    /// Clients for reading the stores directly (what was written, what must not have been).
    let postgres: PostgresClient
    let mongoPool: MongoPool
    let redis: RedisClient

    var mongo: MongoDatabase { mongoPool.database() }

    /// The scheduling priority of the gateway under test and of the MongoDB stand-in (a
    /// `nice` value; lower runs first). They share two cores with the load, the other suites
    /// and whatever else the machine runs; starved, the single-threaded Python stand-in answers
    /// after the store timeout, an outage nobody made. The tests' own faults must be the only
    /// ones. (Without root the priority stays as it is.)
    static let niceness = -10

    /// Raises the stand-in's priority (see `niceness`); again after each restart.
    func prioritizeMongo() {
        if let pid = mongoServer.processIdentifier {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid), Int32(Self.niceness))
        }
    }

    /// The stack of the suite running (see `PrivateStores`).
    @TaskLocal static var current: FaultStack?

    static let ports = 20_000...25_999

    private init(postgres: PrivatePostgresServer, redis: PrivateRedisServer, mongo: MongoStandIn) throws {
        postgresServer = postgres
        redisServer = redis
        mongoServer = mongo
        environment = [
            "DATABASE_URL": postgres.url,
            "MONGODB_URL": mongo.url(database: "chorus_fault"),
            "REDIS_URL": redis.url(),
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        self.postgres = PostgresClient(configuration: PostgresConfiguration(url: postgres.url, callTimeout: .seconds(10)))
        mongoPool = try MongoPool(configuration: MongoConfiguration(url: mongo.url(database: "chorus_fault")))
        self.redis = RedisClient(configuration: try RedisConfiguration(url: redis.url()))
    }

    /// Starts the servers, seeds them with `chorus seed`, runs `body`, and stops them all.
    static func with(_ body: (FaultStack) async throws -> Void) async throws {
        guard let postgresPort = freePort(in: ports) else { throw ChorusServerError("no free port for PostgreSQL") }
        try await PrivatePostgresServer.with(port: postgresPort) { postgresServer in
            guard let redisPort = freePort(in: ports) else { throw ChorusServerError("no free port for Redis") }
            try await PrivateRedisServer.with(port: redisPort) { redisServer in
                // With a data file, the stand-in keeps its documents through a stop and start
                // (saved at SIGTERM), as MongoDB does, so every write of the run is checked.
                let dataFile = FileManager.default.temporaryDirectory
                    .appendingPathComponent("chorus-fault-\(UUID().uuidString).bson").path
                defer { try? FileManager.default.removeItem(atPath: dataFile) }
                let mongoServer = try await offCooperativePool { try MongoStandIn(ports: ports, dataFile: dataFile) }
                let stack: FaultStack
                do {
                    stack = try FaultStack(postgres: postgresServer, redis: redisServer, mongo: mongoServer)
                } catch {
                    try? await offCooperativePool { mongoServer.stop() }
                    throw error
                }
                stack.prioritizeMongo()
                do {
                    let status = try await ChorusServer.run(
                        ["seed", "--size", "small", "--seed", "13"], environment: stack.environment)
                    guard status == 0 else { throw ChorusServerError("chorus seed exited with \(status)") }
                    try await body(stack)
                } catch {
                    await stack.shutdown()
                    throw error
                }
                await stack.shutdown()
            }
        }
    }

    private func shutdown() async {
        await postgres.shutdown()
        await mongoPool.shutdown()
        await redis.shutdown()
        try? await offCooperativePool { [mongoServer] in
            mongoServer.thaw()
            mongoServer.stop()
        }
    }
}

/// Starts a `FaultStack` once for the suite it is applied to, and gives it to the suite's
/// tests as `FaultStack.current`.
struct PrivateStores: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await FaultStack.with { stack in
            try await FaultStack.$current.withValue(stack) { try await function() }
        }
    }
}
