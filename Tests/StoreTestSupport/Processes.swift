import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Process helpers the store tests share: they start and stop real servers of their own.

/// Runs blocking work on a thread of its own and waits for it without blocking a thread.
public func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result(catching: body)) }.start()
    }
}

/// A server of a test's own, which `destroy()` stops and removes with its directory.
protocol PrivateServer: Sendable {
    func start() async throws
    func destroy() async
}

extension PrivateServer {
    /// Starts the server, runs `body`, and destroys the server whether `body` returns or throws.
    func whileRunning<T>(_ body: (Self) async throws -> T) async throws -> T {
        do {
            try await start()
            let result = try await body(self)
            await destroy()
            return result
        } catch {
            await destroy()
            throw error
        }
    }
}

/// Runs a command with output discarded and returns its exit status. (Foundation's
/// `Process.waitUntilExit` missed the exit of `pg_ctl` here and hung.)
public func spawnAndWait(_ command: [String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = defaultSignalAttributes()
    defer { posix_spawnattr_destroy(&attributes) }
    var pid: pid_t = 0
    let arguments = command.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    guard posix_spawn(&pid, command[0], &actions, &attributes, arguments, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
}

/// Starts a command in the background with the given environment, its output appended to
/// `log`, and returns its pid (or nil when it could not start). Stop it with `kill` and reap
/// it with `waitForExit`.
public func spawnInBackground(_ command: [String], environment: [String: String], log: String) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = defaultSignalAttributes()
    defer { posix_spawnattr_destroy(&attributes) }
    var pid: pid_t = 0
    let arguments = command.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { variables.forEach { free($0) } }
    guard posix_spawn(&pid, command[0], &actions, &attributes, arguments, variables) == 0 else { return nil }
    return pid
}

/// Waits (off the cooperative pool) for a child started by `spawnInBackground` to exit;
/// returns its status as a shell reports it (128 + signal when a signal ended it).
public func waitForExit(_ pid: pid_t) async throws -> Int32 {
    try await offCooperativePool {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// Spawn attributes that give the child no blocked signals and default handlers: the test
/// process blocks signals on some threads (libdispatch does), and a server spawned with that
/// mask would ignore the SIGTERM meant to stop it.
private func defaultSignalAttributes() -> posix_spawnattr_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return attributes
}

/// The processes whose parent is `pid` (from `/proc`), e.g. a PostgreSQL postmaster's backends.
public func childProcesses(of pid: pid_t) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
        guard let child = pid_t(entry),
            let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            // "pid (command) state ppid …": the command may hold spaces and parentheses.
            let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 1,
            pid_t(fields[1]) == pid
        else { return nil }
        return child
    }
}

/// A port of `ports` that nothing listens on now (checked by binding it on 127.0.0.1), for a
/// server a test starts; nil when ten random tries found none.
public func freePort(in ports: ClosedRange<Int>) -> Int? {
    for _ in 0..<10 {
        let port = Int.random(in: ports)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound == 0 { return port }
    }
    return nil
}

/// A command that starts or stops a test's server failed.
public struct ServerCommandFailed: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    /// The end of the server's log, when it keeps one.
    public let logTail: String

    public init(command: String, status: Int32, logTail: String = "") {
        self.command = command
        self.status = status
        self.logTail = logTail
    }

    public var description: String {
        "`\(command)` exited with \(status)" + (logTail.isEmpty ? "" : "; server log ends with:\n\(logTail)")
    }
}
