import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient

/// Resolvers of the PostgreSQL-backed types: User, Doctor, Consultation and their figures.
enum EntityResolvers {
    static let user: [String: FieldResolver] = [
        "id": Resolve.field(UserRow.self) { .json(.string(GlobalID.encode("User", $0.id))) },
        "email": Resolve.on(UserRow.self) { user, _, info in
            try Access.patient(user.id, "this user's email", info) { .string(user.email) }
        },
        "phone": Resolve.on(UserRow.self) { user, _, info in
            try Access.patient(user.id, "this user's phone number", info) { .string(user.phone) }
        },
        "role": Resolve.field(UserRow.self) { .json(.enumValue($0.role)) },
        "createdAt": Resolve.field(UserRow.self) { Resolve.dateTime($0.createdAt) },
        "updatedAt": Resolve.field(UserRow.self) { Resolve.dateTime($0.updatedAt) },
        "doctorProfile": Resolve.on(UserRow.self) { user, _, info in
            guard user.role == "DOCTOR" else { return .null }
            return Resolve.pending(info.gateway.doctor(user.id), Resolve.doctor)
        },
        "consultations": Resolve.on(UserRow.self) { user, arguments, info in
            let counterpart = Access.heldBy(patient: user.id, info.gateway.viewer)
            return try Access.patient(user.id, "this user's consultations", info) {
                try consultations(of: .patient, user.id, arguments, info, counterpart: counterpart)
            }
        },
        "medicalRecord": Resolve.on(UserRow.self) { user, _, info in
            try Access.patient(user.id, "this medical record", info) {
                Resolve.pending(info.gateway.document(.record(patientId: user.id.lowercasedText)), Resolve.record)
            }
        },
        "posts": Resolve.on(UserRow.self) { user, arguments, info in
            let page = try PageArguments(arguments, defaultFirst: 10)
            let drafts = Access.canSeeDrafts(of: user.id, info.gateway.viewer)
            return Resolve.pending(info.gateway.page(.postsOfAuthor(user.id.lowercasedText, page, drafts: drafts))) {
                .object($0.connection(page, cursor: MongoBatch.postCursor) { Resolve.post($0) })
            }
        },
        "analytics": Resolve.on(UserRow.self) { user, _, info in
            let doctor = Access.heldBy(patient: user.id, info.gateway.viewer)
            return try Access.patient(user.id, "this user's figures", info) {
                Resolve.pending(info.gateway.postgres.load(.userAnalytics(user.id, doctor: doctor))) { loaded in
                    guard case .userAnalytics(let row) = loaded else { return .null }
                    return .object(row)
                }
            }
        },
    ]

    static let userAnalytics: [String: FieldResolver] = [
        "consultations": Resolve.field(UserAnalyticsRow.self) { .int($0.consultations) },
        "completedConsultations": Resolve.field(UserAnalyticsRow.self) { .int($0.completedConsultations) },
        "amountPaid": Resolve.field(UserAnalyticsRow.self) { .int($0.amountPaid) },
        "lastConsultationAt": Resolve.field(UserAnalyticsRow.self) { Resolve.dateTime($0.lastConsultationAt) },
    ]

    static let doctor: [String: FieldResolver] = [
        "id": Resolve.field(DoctorRow.self) { .json(.string(GlobalID.encode("Doctor", $0.userId))) },
        "user": Resolve.on(DoctorRow.self) { doctor, _, info in
            Resolve.pending(info.gateway.user(doctor.userId), Resolve.user)
        },
        "specialty": Resolve.field(DoctorRow.self) { .string($0.specialty) },
        "licenseNumber": Resolve.field(DoctorRow.self) { .string($0.licenseNumber) },
        "consultationFee": Resolve.field(DoctorRow.self) { .int($0.consultationFee) },
        "available": Resolve.field(DoctorRow.self) { .boolean($0.available) },
        "createdAt": Resolve.field(DoctorRow.self) { Resolve.dateTime($0.createdAt) },
        "updatedAt": Resolve.field(DoctorRow.self) { Resolve.dateTime($0.updatedAt) },
        "consultations": Resolve.on(DoctorRow.self) { doctor, arguments, info in
            // The doctor and admins see all; a patient, their own.
            let viewer = try Access.signedIn("this doctor's consultations", info.gateway.viewer)
            let counterpart = viewer.role == .admin || viewer.id == doctor.userId ? nil : viewer.id
            return try consultations(of: .doctor, doctor.userId, arguments, info, counterpart: counterpart)
        },
        "stats": Resolve.on(DoctorRow.self) { doctor, _, info in
            Resolve.pending(info.gateway.postgres.load(.doctorStats(doctor.userId))) { loaded in
                guard case .doctorStats(let row) = loaded else { return .null }
                return .object(row)
            }
        },
    ]

    static let doctorStats: [String: FieldResolver] = [
        "completedConsultations": Resolve.field(DoctorStatsRow.self) { .int($0.completedConsultations) },
        "totalRevenue": Resolve.field(DoctorStatsRow.self) { .int($0.totalRevenue) },
        "averageRevenue": Resolve.field(DoctorStatsRow.self) { .float($0.averageRevenue) },
        "patients": Resolve.field(DoctorStatsRow.self) { .int($0.patients) },
    ]

    static let consultation: [String: FieldResolver] = [
        "id": Resolve.field(ConsultationRow.self) { .json(.string(GlobalID.encode("Consultation", $0.id))) },
        "patient": Resolve.on(ConsultationRow.self) { consultation, _, info in
            Resolve.pending(info.gateway.user(consultation.patientId), Resolve.user)
        },
        "doctor": Resolve.on(ConsultationRow.self) { consultation, _, info in
            Resolve.pending(info.gateway.doctor(consultation.doctorId), Resolve.doctor)
        },
        "scheduledAt": Resolve.field(ConsultationRow.self) { Resolve.dateTime($0.scheduledAt) },
        "status": Resolve.field(ConsultationRow.self) { .json(.enumValue($0.status)) },
        "amountPaid": Resolve.field(ConsultationRow.self) { .int($0.amountPaid) },
        "createdAt": Resolve.field(ConsultationRow.self) { Resolve.dateTime($0.createdAt) },
        "updatedAt": Resolve.field(ConsultationRow.self) { Resolve.dateTime($0.updatedAt) },
        "completedAt": Resolve.field(ConsultationRow.self) { Resolve.dateTime($0.completedAt) },
        "record": Resolve.on(ConsultationRow.self) { consultation, _, info in
            guard consultation.status == "COMPLETED" else { return .null }
            return try Access.patient(consultation.patientId, "this medical record", info) { record(of: consultation, info) }
        },
    ]

    /// The entry for a completed consultation in its patient's record.
    private static func record(of consultation: ConsultationRow, _ info: ResolveInfo) -> FieldValue {
        let patientId = consultation.patientId.lowercasedText
        let consultationId = consultation.id.lowercasedText
        return Resolve.pending(info.gateway.document(.record(patientId: patientId))) { record in
            let entry = record?["consultations"]?.arrayValue?.lazy.compactMap(\.documentValue)
                .first { $0["consultationId"]?.stringValue == consultationId }
            return entry.map { .object(RecordEntry(patientId: patientId, document: $0)) } ?? .null
        }
    }

    /// A page of a user's (as patient) or a doctor's consultations, batched across parents.
    static func consultations(
        of party: ConsultationParty, _ id: UUID, _ arguments: [String: CoercedValue], _ info: ResolveInfo,
        counterpart: UUID? = nil
    ) throws -> FieldValue {
        let page = try PageArguments(arguments, defaultFirst: 10)
        let status = Resolve.string(arguments, "status")
        return Resolve.pending(
            info.gateway.consultations(
                of: party, id, ConsultationPageArguments(page: page, status: status, counterpart: counterpart))
        ) {
            .object($0.connection(page, cursor: consultationCursor) { Resolve.consultation($0) })
        }
    }

    static func consultationCursor(_ consultation: ConsultationRow) -> Cursor {
        Cursor(
            order: .descending, key: Cursor.dateKey(consultation.scheduledAt),
            id: consultation.id.lowercasedText)
    }
}
