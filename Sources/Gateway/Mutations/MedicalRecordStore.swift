import Foundation
import MongoClient

/// Writes to `medical_records`: one document per patient (keyed by `patientId`, unique
/// index), created by the first write that needs it, in the seed's shape.
struct MedicalRecordStore {
    let collection: MongoCollection
    let timeout: Duration?

    init(_ database: MongoDatabase, timeout: Duration?) {
        collection = database.collection("medical_records")
        self.timeout = timeout
    }

    static func patientFilter(_ patientId: String) -> Filter { .eq("patientId", .string(patientId)) }

    /// Creates the patient's empty record unless one exists: an upsert whose only operator is
    /// `$setOnInsert`, so it changes nothing when the record is there (and is safe to retry).
    ///
    /// Two writers creating the same record at once both try to insert; the unique index on
    /// `patientId` refuses the second with a duplicate key (11000), and that writer, retried
    /// once, then matches the first one's document.
    func ensure(patientId: String, now: Date) async throws {
        let empty: [(FieldPath, BSONValue)] = [
            ("_id", .string(UUID().lowercasedText)),
            ("patientId", .string(patientId)),
            ("consultations", .array([])),
            ("allergies", .array([])),
            ("chronicDiseases", .array([])),
            ("vaccinations", .array([])),
            ("vitalSigns", .array([])),
            ("createdAt", .date(now)),
            ("updatedAt", .date(now)),
        ]
        let update = empty.dropFirst().reduce(Update.setOnInsert(empty[0].0, empty[0].1)) {
            $0.and(.setOnInsert($1.0, $1.1))
        }
        do {
            try await collection.updateOne(Self.patientFilter(patientId), update, upsert: true, timeout: timeout)
        } catch MongoError.duplicateKey {
            try await collection.updateOne(Self.patientFilter(patientId), update, upsert: true, timeout: timeout)
        }
    }

    /// Applies `update` (plus `updatedAt`) to the patient's record when it also matches
    /// `condition`; returns whether it did.
    @discardableResult
    func update(patientId: String, _ update: Update, when condition: Filter? = nil, now: Date) async throws -> Bool {
        let filter = condition.map { Filter.and([Self.patientFilter(patientId), $0]) } ?? Self.patientFilter(patientId)
        let result = try await collection.updateOne(filter, update.and(.set("updatedAt", .date(now))), timeout: timeout)
        return result.matchedCount > 0
    }

    func record(patientId: String) async throws -> BSONDocument? {
        try await collection.findOne(Self.patientFilter(patientId), timeout: timeout)
    }
}
