import Foundation
import Logging
import MongoClient
import Synchronization
import Testing

/// The server under test: `MONGODB_URL`, which `scripts/test` sets after starting the stack.
enum TestServer {
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["MONGODB_URL"], !url.isEmpty else {
            Issue.record("MONGODB_URL is not set: run scripts/test, which starts the stores and sets it (e.g. mongodb://127.0.0.1:27099/chorus_test)")
            throw MissingServer()
        }
        return url
    }

    struct MissingServer: Error {}

    static func pool(poolSize: Int = 4, acquireTimeout: Duration = .seconds(5), url: String? = nil) throws -> MongoPool {
        try MongoPool(configuration: MongoConfiguration(url: url ?? self.url(), poolSize: poolSize, acquireTimeout: acquireTimeout))
    }

    /// A collection no other test uses; dropped after the test when the suite has the
    /// `.dropsScratchCollections` trait.
    static func scratchCollection(_ pool: MongoPool, _ label: String = #function) -> MongoCollection {
        let name = label.prefix { $0.isLetter || $0.isNumber } + "_" + UUID().uuidString.prefix(8)
        let collection = pool.database().collection(String(name))
        ScratchCollections.current?.add(collection)
        return collection
    }
}

/// The scratch collections one test created, so a real server does not keep them.
final class ScratchCollections: Sendable {
    @TaskLocal static var current: ScratchCollections?

    private let collections = Mutex<[MongoCollection]>([])

    func add(_ collection: MongoCollection) {
        collections.withLock { $0.append(collection) }
    }

    func dropAll() async throws {
        for collection in collections.withLock({ $0 }) {
            try await collection.drop()
        }
    }
}

/// Drops each test's scratch collections after it ran.
struct DropsScratchCollections: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite else { return try await function() }
        let scratch = ScratchCollections()
        try await ScratchCollections.$current.withValue(scratch) { try await function() }
        try await scratch.dropAll()
    }
}

extension Trait where Self == DropsScratchCollections {
    static var dropsScratchCollections: Self { DropsScratchCollections() }
}

/// A stand-in server of the test's own (for stopping and restarting it), on a free port.
final class OwnStandIn: @unchecked Sendable {
    static let script: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/mongo-standin/server.py")

    let port: Int
    private var process: Process?

    init() throws {
        port = Int.random(in: 26_000...31_999)  // below the ephemeral ports (32768 and up)
        try start()
    }

    var url: String { "mongodb://127.0.0.1:\(port)/chorus_test" }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script.path, "--host", "127.0.0.1", "--port", String(port)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The server prints one line once it accepts connections.
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("ready on") else {
            throw StandInFailed(message: "stand-in did not start on port \(port)")
        }
        self.process = process
    }

    /// SIGTERM, then SIGKILL if it has not exited within 3 seconds.
    func stop() {
        guard let process else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    deinit { stop() }

    struct StandInFailed: Error { let message: String }
}
