import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The MongoDB stand-in (scripts/mongo-standin) on a port of its own, for tests that stop and
/// restart MongoDB. It keeps its data in memory: a restart starts empty, unless `dataFile` names
/// a file it saves to at each stop and loads at each start.
///
/// Ports come from `ports`, which each suite keeps apart from the others' and below Linux's
/// ephemeral range (32768 and up); a port found taken is replaced by another.
public final class MongoStandIn: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/mongo-standin/server.py")

    public private(set) var port = 0
    public let dataFile: String?
    private var process: Process?

    public init(ports: ClosedRange<Int>, dataFile: String? = nil) throws {
        self.dataFile = dataFile
        for _ in 0..<10 {
            port = Int.random(in: ports)
            if (try? start()) != nil { return }
        }
        throw Failed(message: "the MongoDB stand-in did not start on a port of \(ports)")
    }

    /// The URL of `database` on this server.
    public func url(database: String = "chorus_test") -> String { "mongodb://127.0.0.1:\(port)/\(database)" }

    /// Starts the server (empty, or with `dataFile`'s data) on `port`; returns once it accepts connections.
    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script.path, "--host", "127.0.0.1", "--port", String(port)]
            + (dataFile.map { ["--data-file", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // It prints one line once it listens, or exits (the port is taken).
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready on") else {
            process.waitUntilExit()
            throw Failed(message: "the MongoDB stand-in did not start on port \(port)")
        }
        self.process = process
    }

    /// SIGTERM, then SIGKILL if it has not exited within 3 seconds.
    public func stop() {
        guard let process else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// The server's process id while it runs.
    public var processIdentifier: pid_t? { process?.processIdentifier }

    /// Suspends the server (SIGSTOP): connections stay open and nothing answers. `thaw()` resumes it.
    public func freeze() {
        if let process { kill(process.processIdentifier, SIGSTOP) }
    }

    /// Resumes a frozen server (SIGCONT).
    public func thaw() {
        if let process { kill(process.processIdentifier, SIGCONT) }
    }

    deinit { stop() }

    public struct Failed: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
