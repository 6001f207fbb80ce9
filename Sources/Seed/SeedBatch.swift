import MongoClient
import PostgresClient

/// Rows for one PostgreSQL table, in `columns` order.
public struct TableRows: Sendable {
    public let table: String
    public let columns: [String]
    public var rows: [[PostgresValue]]
}

/// Documents for one MongoDB collection.
public struct CollectionDocuments: Sendable {
    public let collection: String
    public var documents: [BSONDocument]
}

/// One step of the data set: rows and documents that can be loaded before the next batch
/// (tables in foreign-key order).
public struct SeedBatch: Sendable {
    public var tables: [TableRows] = []
    public var collections: [CollectionDocuments] = []
}

/// The tables and collections the seed fills, in load order.
public enum SeedTarget {
    public static let tables = ["users", "doctors", "consultations", "payments"]
    public static let collections = ["medical_records", "posts", "comments"]

    static let userColumns = ["id", "email", "phone", "role", "created_at", "updated_at"]
    static let doctorColumns = [
        "user_id", "specialty", "license_number", "consultation_fee", "available", "created_at", "updated_at",
    ]
    static let consultationColumns = [
        "id", "patient_id", "doctor_id", "scheduled_at", "status", "amount_paid", "created_at", "updated_at",
        "completed_at",
    ]
    static let paymentColumns = ["id", "consultation_id", "amount", "currency", "status", "created_at", "updated_at"]
}
