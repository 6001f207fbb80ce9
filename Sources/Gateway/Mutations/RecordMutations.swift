import Foundation
import GraphQLExecution
import MongoClient

/// `addVitalSigns`, `addAllergy`, `addVaccination`: a `$push` to one array of the patient's
/// medical record, which is created (empty, in the seed's shape) when the patient has none.
enum RecordMutations {
    /// How many vital-sign sets a record keeps: the latest, as the seed does.
    static let keptVitalSigns = 5

    static let addVitalSigns = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let patientId = try input.id("patientId", of: "User")
        try await MutationAccess.record(of: patientId, info.gateway)
        let now = Date()
        let vitals = try vitalSigns(input, now: now)
        return try await change(patientId, StoreWrites(context: info.gateway), now: now) { records, id in
            // Sorted by time, so a measurement entered late still leaves the latest five.
            try await records.update(
                patientId: id,
                .push("vitalSigns", each: [.document(vitals)], sort: .ascending("recordedAt"), slice: -keptVitalSigns),
                now: now)
        }
    }

    static let addAllergy = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let patientId = try input.id("patientId", of: "User")
        try await MutationAccess.record(of: patientId, info.gateway)
        let substance = try input.text("substance", maxLength: 200)
        let now = Date()
        let allergy: BSONDocument = [
            "substance": .string(substance),
            "reaction": .string(try input.text("reaction", maxLength: 200)),
            "severity": .string(input.string("severity") ?? ""),
            "recordedAt": .date(now),
        ]
        return try await change(patientId, StoreWrites(context: info.gateway), now: now) { records, id in
            let added = try await records.update(
                patientId: id, .push("allergies", .document(allergy)),
                when: .ne("allergies.substance", .string(substance)), now: now)
            guard added else {
                throw GatewayError.conflict(
                    "The medical record already lists an allergy to this substance.", field: input.field("substance"))
            }
        }
    }

    static let addVaccination = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let patientId = try input.id("patientId", of: "User")
        try await MutationAccess.record(of: patientId, info.gateway)
        let now = Date()
        let vaccine = try input.text("vaccine", maxLength: 200)
        guard let date = try input.pastDate("date", now: now) else {
            throw GatewayError.badInput(input.field("date"), "is required")
        }
        let vaccination: BSONDocument = [
            "vaccine": .string(vaccine),
            "date": .date(date),
            "dose": .int32(Int32(try input.int("dose", in: 1...10) ?? 1)),
        ]
        return try await change(patientId, StoreWrites(context: info.gateway), now: now) { records, id in
            try await records.update(patientId: id, .push("vaccinations", .document(vaccination)), now: now)
        }
    }

    /// `AddVitalSignsInput` as the document the record keeps; absent measurements are left out.
    static func vitalSigns(_ input: InputObject, now: Date) throws -> BSONDocument {
        var vitals: BSONDocument = ["recordedAt": .date(try input.pastDate("recordedAt", now: now) ?? now)]
        if let heartRate = try input.int("heartRate", in: 20...300) { vitals["heartRate"] = .int32(Int32(heartRate)) }
        if let pressure = input.object("bloodPressure") {
            guard let systolic = try pressure.int("systolic", in: 40...300),
                let diastolic = try pressure.int("diastolic", in: 20...200)
            else { throw GatewayError.badInput(pressure.path, "needs systolic and diastolic") }
            guard diastolic < systolic else {
                throw GatewayError.badInput(pressure.field("diastolic"), "must be below systolic")
            }
            vitals["bloodPressure"] = .document(["systolic": .int32(Int32(systolic)), "diastolic": .int32(Int32(diastolic))])
        }
        if let temperature = try input.float("temperature", in: 25...45) { vitals["temperature"] = .double(temperature) }
        if let weight = try input.float("weightKg", in: 0.2...500) { vitals["weightKg"] = .double(weight) }
        if let height = try input.int("heightCm", in: 20...280) { vitals["heightCm"] = .int32(Int32(height)) }
        guard vitals.count > 1 else { throw GatewayError.badInput(input.path, "needs at least one measurement") }
        return vitals
    }

    /// Checks the patient in PostgreSQL, creates their record if needed, applies `body`, and
    /// answers the record as it is afterwards.
    private static func change(
        _ patientId: UUID, _ writes: StoreWrites, now: Date,
        _ body: @escaping @Sendable (MedicalRecordStore, String) async throws -> Void
    ) async throws -> FieldValue {
        try await requirePatient(patientId, field: "input.patientId", writes)
        let id = patientId.lowercasedText
        let timeout = writes.timeout
        try await writes.mongo { database in
            try await MedicalRecordStore(database, timeout: timeout).ensure(patientId: id, now: now)
        }
        try await writes.mongo { database in try await body(MedicalRecordStore(database, timeout: timeout), id) }
        let record = try await writes.mongo { database in
            try await MedicalRecordStore(database, timeout: timeout).record(patientId: id)
        }
        return Resolve.record(record)
    }

    /// The user exists (NOT_FOUND otherwise) and is a patient (BAD_USER_INPUT otherwise):
    /// only patients have medical records.
    static func requirePatient(_ id: UUID, field: String, _ writes: StoreWrites) async throws {
        let rows = try await writes.query("SELECT role FROM users WHERE id = $1", [.uuid(id)])
        guard let row = rows.first else { throw GatewayError.notFound("user", field: field) }
        guard try row.decode(String.self, "role") == "PATIENT" else { throw GatewayError.badInput(field, "is not a patient") }
    }
}
