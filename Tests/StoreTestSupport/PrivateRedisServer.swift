import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Redis server of the test's own, with no persistence, for tests that stop, kill, freeze
/// and restart it. Its commands wait for processes, so they run on a thread of their own,
/// never on the cooperative pool.
public final class PrivateRedisServer: PrivateServer {
    public let port: Int
    public let directory: String

    private init(port: Int) {
        self.port = port
        directory = "/tmp/chorus-redis-test-\(port)"
    }

    /// `redis://127.0.0.1:port/database`.
    public func url(database: Int = 0) -> String { "redis://127.0.0.1:\(port)/\(database)" }

    /// Starts a server, runs `body`, stops the server and removes its directory.
    public static func with<T>(port: Int, _ body: (PrivateRedisServer) async throws -> T) async throws -> T {
        let server = PrivateRedisServer(port: port)
        try? FileManager.default.removeItem(atPath: server.directory)
        try FileManager.default.createDirectory(atPath: server.directory, withIntermediateDirectories: true)
        return try await server.whileRunning(body)
    }

    /// Starts the server (empty) and waits until it answers PING.
    public func start() async throws {
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
    public func stop() async throws {
        try await end(signal: SIGTERM)
    }

    /// SIGKILL, as in a crash (nothing is saved: the server keeps no data anyway), then wait
    /// until the process is gone.
    public func kill() async throws {
        try await end(signal: SIGKILL)
    }

    /// Suspends the server (SIGSTOP): connections stay open and nothing answers. `thaw()` resumes it.
    public func freeze() throws {
        Glibc.kill(try pid(), SIGSTOP)
    }

    /// Resumes a frozen server (SIGCONT).
    public func thaw() throws {
        Glibc.kill(try pid(), SIGCONT)
    }

    private func pid() throws -> pid_t {
        let text = try String(contentsOfFile: directory + "/redis.pid", encoding: .utf8)
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ServerCommandFailed(command: "reading redis.pid", status: -1)
        }
        return pid
    }

    private func end(signal: Int32) async throws {
        let pid = try pid()
        try await offCooperativePool { [self] in
            // A frozen server acts on nothing but SIGKILL until it is resumed.
            Glibc.kill(pid, SIGCONT)
            Glibc.kill(pid, signal)
            for _ in 0..<250 {
                let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                    .split(separator: ")").last?.split(separator: " ").first
                if state == nil || state == "Z" { break }
                usleep(20_000)
            }
            try? FileManager.default.removeItem(atPath: directory + "/redis.pid")
        }
    }

    func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
