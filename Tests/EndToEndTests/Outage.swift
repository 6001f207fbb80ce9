import Foundation
import Gateway
import MongoClient
import MongoSchema
import StoreTestSupport
import Testing

/// A store made unavailable: stopped (PostgreSQL `pg_ctl stop -m immediate`, Redis SIGKILL,
/// the stand-in SIGTERM) and started again, or frozen (SIGSTOP) and resumed (SIGCONT).
struct Outage: Sendable, CustomTestStringConvertible {
    enum Fault: Sendable { case stop, freeze }

    var store: StoreName
    var fault: Fault

    init(_ store: StoreName, _ fault: Fault) {
        self.store = store
        self.fault = fault
    }

    /// The name the gateway's messages use.
    var storeName: String {
        switch store {
        case .postgres: "PostgreSQL"
        case .mongo: "MongoDB"
        case .redis: "Redis"
        }
    }

    var testDescription: String {
        switch (store, fault) {
        case (.postgres, .stop): "PostgreSQL stopped (immediate) and restarted"
        case (.mongo, .stop): "MongoDB stopped and restarted"
        case (.redis, .stop): "Redis killed and restarted"
        case (_, .freeze): "\(storeName) frozen and resumed"
        }
    }

    /// How long the store stays away: 3 s stopped; frozen, 4 s, several times the store
    /// timeout, so that requests sent at the start of the freeze are answered before it ends.
    var length: Duration { fault == .stop ? .seconds(3) : .seconds(4) }

    func begin(_ stack: FaultStack) async throws {
        switch (store, fault) {
        case (.postgres, .stop): try await stack.postgresServer.stop(mode: .immediate)
        case (.postgres, .freeze): try stack.postgresServer.freeze()
        case (.mongo, .stop): try await offCooperativePool { stack.mongoServer.stop() }
        case (.mongo, .freeze): stack.mongoServer.freeze()
        case (.redis, .stop): try await stack.redisServer.kill()
        case (.redis, .freeze): try stack.redisServer.freeze()
        }
    }

    func end(_ stack: FaultStack) async throws {
        switch (store, fault) {
        case (.postgres, .stop): try await stack.postgresServer.start()
        case (.postgres, .freeze): try stack.postgresServer.thaw()
        case (.mongo, .stop):
            try await offCooperativePool { try stack.mongoServer.start() }
            stack.prioritizeMongo()
        case (.mongo, .freeze): stack.mongoServer.thaw()
        case (.redis, .stop): try await stack.redisServer.start()
        case (.redis, .freeze): try stack.redisServer.thaw()
        }
    }
}

/// When the outage began and ended, by the load's clock (`FaultLoad.now()`).
struct Timeline: Sendable {
    /// The fault is being applied from here…
    var downBegin = 0.0
    /// …and is in place from here (the server is gone or suspended).
    var downDone = 0.0
    /// The store is being brought back from here…
    var upBegin = 0.0
    /// …and is back (restored, for the stand-in) from here.
    var upDone = 0.0
    /// Whether a restarted MongoDB stand-in still held its data (nil when it did not restart).
    var storeKeptItsData: Bool?
    /// `upBegin` by the wall clock, to compare with the stores' timestamps.
    var restartedAt = Date.distantPast
}

/// What the MongoDB stand-in held before the load, to put back after a restart emptied it.
struct MongoSnapshot: Sendable {
    static let collections = ["posts", "comments", "medical_records"]
    var documents: [String: [BSONDocument]] = [:]

    static func take(_ database: MongoDatabase) async throws -> MongoSnapshot {
        var snapshot = MongoSnapshot()
        for name in collections { snapshot.documents[name] = try await database.collection(name).find(.all) }
        return snapshot
    }

    /// Puts the documents and indexes back, unless the server kept its data; returns whether
    /// it did. The records of `patients` stay out: the outbox writes theirs meanwhile.
    func restore(into database: MongoDatabase, leavingOut patients: Set<String>) async throws -> Bool {
        let posts = try await eventually { try await database.collection("posts").count() }
        guard posts == 0 else { return true }
        try await MongoMigrations.run(on: database)
        for (name, documents) in documents {
            let kept = documents.filter { !patients.contains($0["patientId"]?.stringValue ?? "") }
            if !kept.isEmpty { _ = try await database.collection(name).insertMany(kept) }
        }
        return false
    }
}

/// `body`'s result, retried every 100 ms for up to 5 s while it throws (a server just
/// restarted may refuse the first calls).
func eventually<T>(_ body: () async throws -> T) async throws -> T {
    let deadline = ContinuousClock.now.advanced(by: .seconds(5))
    while true {
        do {
            return try await body()
        } catch where ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
