import Foundation
import MongoClient

/// The outbox event a completed consultation leaves: everything its entry in the patient's
/// medical record holds, as the row's `payload` JSON, so applying it needs nothing else.
///
/// ```json
/// {"patientId": "…", "doctorId": "…", "consultationId": "…", "date": "2026-03-01T09:30:00.000Z",
///  "diagnosis": "…", "symptoms": ["…"], "prescriptions": [{"drug": "…", "dosage": "…", "frequency": "…"}],
///  "examResults": [{"test": "…", "result": "…"}], "notes": "…"}
/// ```
struct RecordEntryEvent: Codable, Sendable, Equatable {
    /// `outbox.aggregate` and `outbox.kind` of these events; one per consultation (unique index).
    static let aggregate = "consultation"
    static let kind = "medical-record-entry"

    struct Prescription: Codable, Sendable, Equatable {
        var drug: String
        var dosage: String
        var frequency: String
    }

    struct ExamResult: Codable, Sendable, Equatable {
        var test: String
        var result: String
    }

    /// UUIDs in lower case, as MongoDB documents hold them.
    var patientId: String
    var doctorId: String
    var consultationId: String
    /// When the consultation was completed (`completed_at`), in the `DateTime` format.
    var date: String
    var diagnosis: String
    var symptoms: [String]
    var prescriptions: [Prescription]
    var examResults: [ExamResult]
    var notes: String?

    /// The entry in the patient's `consultations` array, in the seed's shape.
    func entry() throws(OutboxError) -> BSONDocument {
        guard let date = DateTime.parse(date) else { throw .invalidPayload(kind: Self.kind) }
        var entry: BSONDocument = [
            "consultationId": .string(consultationId),
            "doctorId": .string(doctorId),
            "date": .date(date),
            "diagnosis": .string(diagnosis),
            "symptoms": .array(symptoms.map(BSONValue.string)),
            "prescriptions": .array(prescriptions.map {
                .document(["drug": .string($0.drug), "dosage": .string($0.dosage), "frequency": .string($0.frequency)])
            }),
            "examResults": .array(examResults.map { .document(["test": .string($0.test), "result": .string($0.result)]) }),
        ]
        if let notes { entry["notes"] = .string(notes) }
        return entry
    }

    /// Writes the entry into the patient's record, once: the record is created if missing,
    /// and the `$push` only matches a record without an entry for this consultation, so
    /// applying the event again (after a crash, a lost reply, a retry) changes nothing.
    ///
    /// `$ne` on an array field matches when no element equals the value, which both
    /// MongoDB and the stand-in answer. Each step takes at most `timeout`.
    func apply(to database: MongoDatabase, timeout: Duration) async throws -> BSONDocument {
        let entry = try entry()
        let records = MedicalRecordStore(database, timeout: timeout)
        let now = Date()
        try await records.ensure(patientId: patientId, now: now)
        try await records.update(
            patientId: patientId, .push("consultations", .document(entry)),
            when: .ne("consultations.consultationId", .string(consultationId)), now: now)
        return entry
    }
}

/// An outbox event that can never be applied as it is.
enum OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKind(String)
    case invalidPayload(kind: String)

    var description: String {
        switch self {
        case .unknownKind(let kind): "no handler for events of kind \(kind)"
        case .invalidPayload(let kind): "the payload is not a valid \(kind) event"
        }
    }
}
