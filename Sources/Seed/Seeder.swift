import Foundation
import MongoClient
import MongoSchema
import PostgresClient
import PostgresMigrations

/// Loads a `SeedGenerator` data set into PostgreSQL and MongoDB.
///
/// Migrations run first (both are idempotent). The seed then refuses stores that already hold
/// data unless `reset` is set, which truncates the PostgreSQL tables and drops the MongoDB
/// collections first. PostgreSQL is loaded with COPY, batch by batch, in one transaction: it
/// has all the rows or none. MongoDB has no such transaction here: its documents go in with
/// insertMany, 1,000 at a time, alongside each PostgreSQL batch, so a failed run leaves
/// documents behind, and the next run needs `reset`.
public struct Seeder: Sendable {
    public let postgres: PostgresClient
    public let mongo: MongoDatabase

    static let mongoBatchSize = 1_000
    /// PostgreSQL tables that must be empty; `outbox` is not seeded but is cleared by a reset.
    static let guardedTables = SeedTarget.tables + ["outbox"]

    public init(postgres: PostgresClient, mongo: MongoDatabase) {
        self.postgres = postgres
        self.mongo = mongo
    }

    /// Brings both stores' schemas up to date (idempotent).
    public func migrate() async throws {
        try await PostgresMigrator(client: postgres).migrate()
        try await MongoMigrations.run(on: mongo)
    }

    /// Migrates, checks or resets the stores, loads the data set; returns what it loaded.
    public func run(size: SeedSize, seed: UInt64, reset: Bool = false) async throws -> SeedReport {
        try await migrate()
        if !reset {
            let occupied = try await nonEmptyTargets()
            guard occupied.isEmpty else { throw SeedError.notEmpty(occupied) }
        } else {
            for name in SeedTarget.collections { try await mongo.collection(name).drop(timeout: .seconds(120)) }
            try await MongoMigrations.run(on: mongo)
        }

        var loaded: [String: Int] = [:]
        try await postgres.withTransaction(timeout: .seconds(3_600)) { transaction in
            if reset {
                try await transaction.execute(
                    unsafeSQL: "TRUNCATE users, doctors, consultations, payments, outbox RESTART IDENTITY")
            }
            var generator = SeedGenerator(size: size, seed: seed)
            while let batch = generator.next() {
                // The two stores work on the same batch at once.
                async let copied = Self.copy(batch.tables, into: transaction)
                let inserted = try await insert(batch.collections)
                for (name, count) in try await copied + inserted { loaded[name, default: 0] += count }
            }
        }
        return SeedReport(size: size, seed: seed,
                          tables: SeedTarget.tables.map { ($0, loaded[$0] ?? 0) },
                          collections: SeedTarget.collections.map { ($0, loaded[$0] ?? 0) })
    }

    /// The tables and collections that already hold something.
    public func nonEmptyTargets() async throws -> [String] {
        var occupied: [String] = []
        for table in Self.guardedTables {
            // Table names are this file's constants, never input.
            let rows = try await postgres.query("SELECT EXISTS (SELECT 1 FROM \(table))")
            if try rows[0].decode(Bool.self, at: 0) { occupied.append(table) }
        }
        for name in SeedTarget.collections {
            let one = try await mongo.collection(name).findOne(projection: .include(["_id"]))
            if one != nil { occupied.append(name) }
        }
        return occupied
    }

    private static func copy(_ tables: [TableRows], into transaction: PostgresTransaction) async throws -> [(String, Int)] {
        var counts: [(String, Int)] = []
        for table in tables where !table.rows.isEmpty {
            try await transaction.copy(into: table.table, columns: table.columns, rows: table.rows)
            counts.append((table.table, table.rows.count))
        }
        return counts
    }

    private func insert(_ collections: [CollectionDocuments]) async throws -> [(String, Int)] {
        var counts: [(String, Int)] = []
        for collection in collections {
            var start = 0
            while start < collection.documents.count {
                let end = min(start + Self.mongoBatchSize, collection.documents.count)
                try await mongo.collection(collection.collection).insertMany(
                    Array(collection.documents[start..<end]), timeout: .seconds(120))
                start = end
            }
            counts.append((collection.collection, collection.documents.count))
        }
        return counts
    }
}

/// What a seed run loaded, per table and collection, in load order.
public struct SeedReport: Sendable {
    public let size: SeedSize
    public let seed: UInt64
    public let tables: [(name: String, count: Int)]
    public let collections: [(name: String, count: Int)]
}

public enum SeedError: Error, Equatable, CustomStringConvertible {
    /// The stores already hold data; the seed never mixes its rows with existing ones.
    case notEmpty([String])

    public var description: String {
        switch self {
        case .notEmpty(let names):
            "the stores already hold data (\(names.joined(separator: ", "))); "
                + "run `chorus seed --reset` to delete it and seed again"
        }
    }
}
