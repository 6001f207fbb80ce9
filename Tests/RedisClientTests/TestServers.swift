import Foundation
import RedisClient
import StoreSupport
import Testing

/// The server the tests use: `REDIS_URL`, set by `scripts/test` (or by `scripts/stack start`
/// and `.chorus/stack.env`). Missing, it fails the test: never a skip.
func redisConfiguration() throws -> RedisConfiguration {
    guard let url = ProcessInfo.processInfo.environment["REDIS_URL"], !url.isEmpty else {
        Issue.record("REDIS_URL is not set: run scripts/test, or scripts/stack start and then `set -a; source .chorus/stack.env; set +a`")
        throw MissingServer()
    }
    return try RedisConfiguration(url: url)
}

struct MissingServer: Error {}

func makeClient(
    port: Int? = nil, maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(5),
    callTimeout: Duration = .seconds(5), maximumValueBytes: Int = 512 << 20
) throws -> RedisClient {
    var configuration = try port.map { RedisConfiguration(port: $0) } ?? redisConfiguration()
    configuration.pool = ConnectionPoolConfiguration(maximumConnections: maximumConnections, acquireTimeout: acquireTimeout)
    configuration.callTimeout = callTimeout
    configuration.maximumValueBytes = maximumValueBytes
    return RedisClient(configuration: configuration)
}

/// Keys unique to one test, so tests run in parallel on one server.
struct KeySpace {
    let prefix = "test:\(UUID().uuidString.prefix(8)):"
    func callAsFunction(_ name: String) -> String { prefix + name }
}
