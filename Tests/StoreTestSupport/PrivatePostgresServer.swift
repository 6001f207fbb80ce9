import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL 15 server of the test's own, on its own port and data directory, for tests
/// that stop, freeze and restart the server under a client. Its commands wait for processes,
/// so they run on a thread of their own, never on the cooperative pool (2 threads here), which
/// would stall every other test meanwhile.
public final class PrivatePostgresServer: PrivateServer {
    public let port: Int
    public let directory: String
    private let bin = "/usr/lib/postgresql/15/bin"

    /// The `postgres` database, as the `postgres` superuser (trust authentication).
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    private init(port: Int) {
        self.port = port
        directory = "/tmp/chorus-pg-test-\(port)"
    }

    /// Creates the data directory, starts the server, runs `body`, and removes it all.
    public static func with<T>(port: Int, _ body: (PrivatePostgresServer) async throws -> T) async throws -> T {
        let server = PrivatePostgresServer(port: port)
        try await offCooperativePool {
            try? FileManager.default.removeItem(atPath: server.directory)
            try FileManager.default.createDirectory(atPath: server.directory + "/run", withIntermediateDirectories: true)
            try server.run(["/usr/bin/chown", "-R", "postgres:postgres", server.directory], asPostgres: false, allowFailure: true)
            // --no-sync: a throwaway cluster needs no fsync (it saves seconds per initdb here).
            try server.run([server.bin + "/initdb", "-D", server.directory + "/data", "-U", "postgres", "--auth=trust",
                            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        }
        return try await server.whileRunning(body)
    }

    public func start() async throws {
        try await offCooperativePool { [self] in
            try run([bin + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                     "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory)/run -c fsync=off", "start"])
        }
    }

    /// How `stop` ends the server (`pg_ctl stop -m`).
    public enum ShutdownMode: String, Sendable {
        /// What SIGINT does: sessions are told and disconnected, then a checkpoint.
        case fast
        /// What SIGQUIT does: every process exits at once, as in a crash; the next start recovers from the WAL.
        case immediate
    }

    /// Stops the server and waits until it is gone.
    public func stop(mode: ShutdownMode = .fast) async throws {
        try await offCooperativePool { [self] in
            try run([bin + "/pg_ctl", "-D", directory + "/data", "-m", mode.rawValue, "-w", "stop"])
        }
    }

    /// Suspends the server and every backend (SIGSTOP): connections stay open and nothing
    /// answers, as with a server stalled on I/O. `thaw()` resumes them.
    public func freeze() throws {
        let postmaster = try postmasterPID()
        // The postmaster first, so that it starts no process the loop below would miss.
        kill(postmaster, SIGSTOP)
        for child in childProcesses(of: postmaster) { kill(child, SIGSTOP) }
    }

    /// Resumes a frozen server (SIGCONT).
    public func thaw() throws {
        let postmaster = try postmasterPID()
        for child in childProcesses(of: postmaster) { kill(child, SIGCONT) }
        kill(postmaster, SIGCONT)
    }

    /// The first line of `postmaster.pid`.
    private func postmasterPID() throws -> pid_t {
        let text = try String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8)
        guard let line = text.split(separator: "\n").first, let pid = pid_t(line) else {
            throw ServerCommandFailed(command: "reading postmaster.pid", status: -1)
        }
        return pid
    }

    func destroy() async {
        try? thaw()
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
