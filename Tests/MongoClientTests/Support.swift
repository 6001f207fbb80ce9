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
