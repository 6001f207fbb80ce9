import Foundation
import RedisClient
import StoreSupport
import StoreTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

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

/// A Redis server of the test's own, for tests that stop and restart it. Its commands wait for
/// processes, so they run on a thread of their own, never on the cooperative pool.
final class PrivateRedisServer: Sendable {
    let port: Int
    let directory: String

    private init(port: Int) {
        self.port = port
        directory = "/tmp/chorus-redis-test-\(port)"
    }

    /// Starts a server, runs `body`, stops the server and removes its directory.
    static func with<T>(port: Int, _ body: (PrivateRedisServer) async throws -> T) async throws -> T {
        let server = PrivateRedisServer(port: port)
        try? FileManager.default.removeItem(atPath: server.directory)
        try FileManager.default.createDirectory(atPath: server.directory, withIntermediateDirectories: true)
        do {
            try await server.start()
            let result = try await body(server)
            await server.destroy()
            return result
        } catch {
            await server.destroy()
            throw error
        }
    }

    func start() async throws {
        try await offCooperativePool { [self] in
            let status = spawnAndWait([
                "/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", String(port), "--daemonize", "yes",
                "--pidfile", directory + "/redis.pid", "--dir", directory, "--save", "", "--appendonly", "no",
                "--enable-debug-command", "local",
            ])
            guard status == 0 else { throw ServerCommandFailed(command: "redis-server", status: status) }
            for _ in 0..<100 where spawnAndWait(["/usr/bin/redis-cli", "-p", String(port), "ping"]) != 0 {
                usleep(20_000)
            }
        }
    }

    /// SIGTERM, then wait until the process is gone or a zombie.
    func stop() async throws {
        try await offCooperativePool { [self] in
            let text = try String(contentsOfFile: directory + "/redis.pid", encoding: .utf8)
            guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw ServerCommandFailed(command: "reading redis.pid", status: -1)
            }
            kill(pid, SIGTERM)
            for _ in 0..<250 {
                let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                    .split(separator: ")").last?.split(separator: " ").first
                if state == nil || state == "Z" { break }
                usleep(20_000)
            }
            try? FileManager.default.removeItem(atPath: directory + "/redis.pid")
        }
    }

    private func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

struct ServerCommandFailed: Error {
    let command: String
    let status: Int32
}

