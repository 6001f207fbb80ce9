import MongoClient

/// The Chorus collections and their indexes (ARCHITECTURE.md §5), created idempotently.
///
/// Index creation with the same keys and options is a no-op on MongoDB, so `run` is safe on
/// every start. Changing an existing index's options needs a new name (MongoDB refuses to
/// redefine one in place).
public enum MongoMigrations {
    public struct CollectionSpec: Sendable, Hashable {
        public let name: String
        public let indexes: [IndexModel]
    }

    public static let collections: [CollectionSpec] = [
        CollectionSpec(name: "medical_records", indexes: [
            IndexModel(keys: .ascending("patientId"), unique: true),
        ]),
        CollectionSpec(name: "posts", indexes: [
            IndexModel(keys: .ascending("authorId")),
            IndexModel(keys: .descending("publishedAt")),
            IndexModel(keys: .ascending("slug"), unique: true),
            IndexModel(keys: .ascending("tags")),
        ]),
        CollectionSpec(name: "comments", indexes: [
            IndexModel(keys: .ascending("postId")),
        ]),
    ]

    /// Creates every collection's indexes (which creates the collection too).
    public static func run(on database: MongoDatabase) async throws {
        for spec in collections {
            try await database.collection(spec.name).createIndexes(spec.indexes)
        }
    }
}
