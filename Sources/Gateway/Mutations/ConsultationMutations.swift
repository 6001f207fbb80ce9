import Foundation
import GraphQLExecution
import GraphQLLanguage
import PostgresClient

/// `bookConsultation` and `cancelConsultation`. (`completeConsultation` writes two stores:
/// see `ConsultationCompletion`.)
enum ConsultationMutations {
    static let bookConsultation = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let patientId = try input.id("patientId", of: "User")
        try MutationAccess.bookConsultation(patient: patientId, info.gateway)
        let doctorId = try input.id("doctorId", of: "Doctor")
        guard let scheduledAt = try input.date("scheduledAt") else {
            throw GatewayError.badInput(input.field("scheduledAt"), "is required")
        }
        guard scheduledAt > Date() else { throw GatewayError.badInput(input.field("scheduledAt"), "must be in the future") }

        let writes = StoreWrites(context: info.gateway)
        let found = try await writes.pipeline([
            PostgresStatement("SELECT role FROM users WHERE id = $1", [.uuid(patientId)]),
            PostgresStatement("SELECT consultation_fee, available FROM doctors WHERE user_id = $1", [.uuid(doctorId)]),
        ])
        guard let patient = found[0].first else { throw GatewayError.notFound("user", field: input.field("patientId")) }
        guard try patient.decode(String.self, "role") == "PATIENT" else {
            throw GatewayError.badInput(input.field("patientId"), "is not a patient")
        }
        guard let doctor = found[1].first else { throw GatewayError.notFound("doctor", field: input.field("doctorId")) }
        guard try doctor.decode(Bool.self, "available") else {
            throw GatewayError.conflict("The doctor is not taking bookings.", field: input.field("doctorId"))
        }
        // The doctor's availability may change between the read and the insert; the booking
        // then stands, as one made a moment earlier would have. The slot may not: bookings of
        // one doctor take turns (a transaction-scoped advisory lock on the doctor), so two
        // racing for one slot cannot both see it free. The price is the doctor's fee, read by
        // the insert itself: never the client's, never one read before a change of fee.
        let row = try await writes.transaction { transaction in
            _ = try await transaction.query(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [.text("consultation-slot:\(doctorId)")])
            let taken = try await transaction.query(
                """
                SELECT 1 FROM consultations
                WHERE doctor_id = $1 AND status = 'SCHEDULED'
                  AND scheduled_at > $2::timestamptz - $3::float8 * interval '1 second'
                  AND scheduled_at < $2::timestamptz + $3::float8 * interval '1 second'
                LIMIT 1
                """, [.uuid(doctorId), .timestamptz(scheduledAt), .float64(Double(slot.components.seconds))])
            guard taken.isEmpty else {
                throw GatewayError.conflict(
                    "The doctor already has a consultation within \(slot.components.seconds / 60) minutes of that time.",
                    field: input.field("scheduledAt"))
            }
            let rows = try await transaction.query(
                """
                INSERT INTO consultations (patient_id, doctor_id, scheduled_at, amount_paid)
                SELECT $1, user_id, $3, consultation_fee FROM doctors WHERE user_id = $2
                RETURNING \(ConsultationRow.columns)
                """,
                [.uuid(patientId), .uuid(doctorId), .timestamptz(scheduledAt)])
            guard let row = rows.first else { throw GatewayError.notFound("doctor", field: input.field("doctorId")) }
            return try ConsultationRow(row)
        }
        await writes.invalidate([CacheKey.analytics("totals")])
        return Resolve.consultation(row)
    }

    /// The length of a booking slot: a doctor's scheduled consultations start at least this far apart.
    static let slot: Duration = .seconds(15 * 60)

    static let cancelConsultation = FieldResolver.async { _, arguments, info in
        let id = try GlobalID.uuid(Resolve.string(arguments, "id") ?? "", of: "Consultation", argument: "id")
        try await MutationAccess.consultation(id, doctorOnly: false, action: "cancelling this consultation", info.gateway)
        let writes = StoreWrites(context: info.gateway)
        let rows = try await writes.query(
            """
            UPDATE consultations SET status = 'CANCELLED' WHERE id = $1 AND status = 'SCHEDULED'
            RETURNING \(ConsultationRow.columns)
            """, [.uuid(id)])
        guard let row = rows.first else {
            throw try await notScheduled(id, field: "id", action: "cancelled", writes)
        }
        await writes.invalidate([CacheKey.analytics("totals")])
        return Resolve.consultation(try ConsultationRow(row))
    }

    /// Why a consultation that had to be SCHEDULED was not: it does not exist (NOT_FOUND), or
    /// its status forbids the change (CONFLICT, naming the status).
    static func notScheduled(_ id: UUID, field: String, action: String, _ writes: StoreWrites) async throws
        -> GraphQLError
    {
        let rows = try await writes.query("SELECT status FROM consultations WHERE id = $1", [.uuid(id)])
        return try whyNotScheduled(rows.first?.decode(String.self, "status"), field: field, action: action)
    }

    static func whyNotScheduled(_ status: String?, field: String, action: String) -> GraphQLError {
        guard let status else { return GatewayError.notFound("consultation", field: field) }
        return GatewayError.conflict(
            "The consultation is \(status); only a SCHEDULED consultation can be \(action).", field: field)
    }
}
