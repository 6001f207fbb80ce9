import Foundation
import PostgresClient

/// A row of `users`.
struct UserRow: Sendable, Hashable {
    var id: UUID
    var email: String
    var phone: String?
    var role: String
    var createdAt: Date
    var updatedAt: Date

    static let columns = "id, email, phone, role, created_at, updated_at"
}

// Each row's `init(_:)` from PostgreSQL is in an extension, which keeps the memberwise one.

extension UserRow {
    init(_ row: PostgresRow) throws {
        id = try row.decode(UUID.self, "id")
        email = try row.decode(String.self, "email")
        phone = try row.decode(String?.self, "phone")
        role = try row.decode(String.self, "role")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
    }
}

/// A row of `doctors`; `userId` is both its key and its user's.
struct DoctorRow: Sendable, Hashable {
    var userId: UUID
    var specialty: String
    var licenseNumber: String
    var consultationFee: Int
    var available: Bool
    var createdAt: Date
    var updatedAt: Date

    static let columns = "user_id, specialty, license_number, consultation_fee, available, created_at, updated_at"
}

extension DoctorRow {
    init(_ row: PostgresRow) throws {
        userId = try row.decode(UUID.self, "user_id")
        specialty = try row.decode(String.self, "specialty")
        licenseNumber = try row.decode(String.self, "license_number")
        consultationFee = try row.decode(Int.self, "consultation_fee")
        available = try row.decode(Bool.self, "available")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
    }
}

/// A row of `consultations`.
struct ConsultationRow: Sendable, Hashable {
    var id: UUID
    var patientId: UUID
    var doctorId: UUID
    var scheduledAt: Date
    var status: String
    var amountPaid: Int
    var createdAt: Date
    var updatedAt: Date
    var completedAt: Date?

    static let columns =
        "id, patient_id, doctor_id, scheduled_at, status, amount_paid, created_at, updated_at, completed_at"
}

extension ConsultationRow {
    init(_ row: PostgresRow) throws {
        id = try row.decode(UUID.self, "id")
        patientId = try row.decode(UUID.self, "patient_id")
        doctorId = try row.decode(UUID.self, "doctor_id")
        scheduledAt = try row.decode(Date.self, "scheduled_at")
        status = try row.decode(String.self, "status")
        amountPaid = try row.decode(Int.self, "amount_paid")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        completedAt = try row.decode(Date?.self, "completed_at")
    }
}
