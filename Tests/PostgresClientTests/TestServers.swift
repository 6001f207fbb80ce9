import Foundation
import PostgresClient
import StoreSupport
import StoreTestSupport
import Testing

/// The server the tests use: `DATABASE_URL`, set by `scripts/test` (or by
/// `scripts/stack start` and `.chorus/stack.env`). Missing, it fails the test: never a skip.
func databaseURL() throws -> String {
    guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
        Issue.record("DATABASE_URL is not set: run scripts/test, or scripts/stack start and then `set -a; source .chorus/stack.env; set +a`")
        throw MissingServer()
    }
    return url
}

struct MissingServer: Error {}

/// Created once, on first use (a global's lazy initialization is thread-safe).
private let shared: PostgresClient? = ProcessInfo.processInfo.environment["DATABASE_URL"].map { url in
    PostgresClient(configuration: PostgresConfiguration(
        url: url, pool: ConnectionPoolConfiguration(maximumConnections: 8), callTimeout: .seconds(20)))
}

/// One client for the tests that need nothing special: dozens of parallel tests each with a
/// pool of their own would pass the server's `max_connections`.
func sharedClient() throws -> PostgresClient {
    _ = try databaseURL()
    return shared!
}

func makeClient(
    url: String? = nil, maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(5),
    callTimeout: Duration = .seconds(10), maximumParameterBytes: Int = 1 << 30
) throws -> PostgresClient {
    PostgresClient(configuration: PostgresConfiguration(
        url: try url ?? databaseURL(),
        pool: ConnectionPoolConfiguration(maximumConnections: maximumConnections, acquireTimeout: acquireTimeout),
        connectTimeout: .seconds(3), callTimeout: callTimeout, maximumParameterBytes: maximumParameterBytes))
}

/// Runs `body` with a fresh table `scratch_<random>` made from `columns`, dropped afterwards.
func withScratchTable<T>(
    _ client: PostgresClient, _ columns: String, _ body: (String) async throws -> T
) async throws -> T {
    let table = "scratch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
    try await client.execute(unsafeSQL: "CREATE TABLE \(table) (\(columns))")
    do {
        let result = try await body(table)
        try await client.execute(unsafeSQL: "DROP TABLE \(table) CASCADE")
        return result
    } catch {
        try? await client.execute(unsafeSQL: "DROP TABLE \(table) CASCADE")
        throw error
    }
}

/// A PostgreSQL 15 server of the test's own, on its own port and data directory, for tests
/// that stop and restart the server under a client. Its commands wait for processes, so they
/// run on a thread of their own, never on the cooperative pool (2 threads here), which would
/// stall every other test meanwhile.
final class PrivatePostgresServer: Sendable {
    let port: Int
    let directory: String
    private let bin = "/usr/lib/postgresql/15/bin"

    var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    private init(port: Int) {
        self.port = port
        directory = "/tmp/chorus-pg-test-\(port)"
    }

    /// Creates the data directory, starts the server, runs `body`, and removes it all.
    static func with<T>(port: Int, _ body: (PrivatePostgresServer) async throws -> T) async throws -> T {
        let server = PrivatePostgresServer(port: port)
        try await offCooperativePool {
            try? FileManager.default.removeItem(atPath: server.directory)
            try FileManager.default.createDirectory(atPath: server.directory + "/run", withIntermediateDirectories: true)
            try server.run(["/usr/bin/chown", "-R", "postgres:postgres", server.directory], asPostgres: false, allowFailure: true)
            try server.run([server.bin + "/initdb", "-D", server.directory + "/data", "-U", "postgres", "--auth=trust",
                            "--encoding=UTF8", "--locale=C.UTF-8"])
        }
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
            try run([bin + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                     "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory)/run -c fsync=off", "start"])
        }
    }

    /// Fast shutdown (what SIGINT does): sessions are told and disconnected.
    func stop() async throws {
        try await offCooperativePool { [self] in
            try run([bin + "/pg_ctl", "-D", directory + "/data", "-m", "fast", "-w", "stop"])
        }
    }

    private func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func run(_ arguments: [String], asPostgres: Bool = true, allowFailure: Bool = false) throws {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
        let status = spawnAndWait(command)
        if status != 0 && !allowFailure {
            let log = (try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? ""
            throw ServerCommandFailed(
                command: arguments.joined(separator: " "), status: status, logTail: String(log.suffix(1500)))
        }
    }
}

struct ServerCommandFailed: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let logTail: String
    var description: String { "`\(command)` exited with \(status); server log ends with:\n\(logTail)" }
}
