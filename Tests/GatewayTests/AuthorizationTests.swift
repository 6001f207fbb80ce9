import Foundation
import GraphQLExecution
import GraphQLSchema
import PostgresClient
import Testing

@testable import Gateway

extension SeededDataTests {
    /// Who may see what, from every angle of reach, for each role and for anonymous callers, over
    /// the seeded data set: a patient P, a doctor D who has a completed consultation C with P,
    /// another patient, a doctor without consultations, an admin.
    @Suite struct AuthorizationTests {
        struct Cast: Sendable {
            let patient: UUID
            let doctor: UUID
            let consultation: UUID
            let otherPatient: UUID
            let strangerDoctor: UUID
        }

        enum Who: String, CaseIterable, Sendable {
            case anonymous, patient, otherPatient, doctor, strangerDoctor, admin

            func viewer(_ cast: Cast) -> Viewer {
                switch self {
                case .anonymous: .anonymous
                case .patient: .user(id: cast.patient, role: .patient)
                case .otherPatient: .user(id: cast.otherPatient, role: .patient)
                case .doctor: .user(id: cast.doctor, role: .doctor)
                case .strangerDoctor: .user(id: cast.strangerDoctor, role: .doctor)
                case .admin: GatewayTestEnvironment.admin
                }
            }
        }

        /// The cast, from the seeded data (and a doctor created here, who treats nobody and takes
        /// no bookings, so that no other test can make them anyone's doctor).
        private static let cast = Task { () throws -> Cast in
            let gateway = try await GatewayTestEnvironment.shared
            let postgres = gateway.stores.postgres
            let row = try await postgres.query(
                """
                SELECT id, patient_id, doctor_id FROM consultations WHERE status = 'COMPLETED'
                ORDER BY id LIMIT 1
                """)[0]
            let patient = try row.decode(UUID.self, "patient_id")
            let doctor = try row.decode(UUID.self, "doctor_id")
            let other = try await postgres.query(
                """
                SELECT id FROM users WHERE role = 'PATIENT' AND id <> $1
                  AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = users.id AND c.doctor_id = $2)
                ORDER BY id LIMIT 1
                """, [.uuid(patient), .uuid(doctor)])[0].decode(UUID.self, "id")
            let created = await gateway.execute(
                """
                mutation { createUser(input: {email: "stranger-\(UUID().uuidString.prefix(8))@example.org", role: DOCTOR,
                  doctorProfile: {specialty: "Neurology", licenseNumber: "ST-\(UUID().uuidString.prefix(8))", consultationFee: 100,
                  available: false}}) { id } }
                """, viewer: GatewayTestEnvironment.admin)
            guard case .object(let data)? = created.result.data, case .object(let user)? = data.first?.value,
                case .string(let globalID)? = user.first?.value,
                let decoded = Data(base64Encoded: globalID).flatMap({ String(data: $0, encoding: .utf8) }),
                let stranger = UUID(uuidString: String(decoded.dropFirst("User:".count)))
            else { throw GatewayConfigurationError("could not create the stranger doctor: \(created.result.errors)") }
            return Cast(
                patient: patient, doctor: doctor, consultation: try row.decode(UUID.self, "id"), otherPatient: other,
                strangerDoctor: stranger)
        }

        /// Runs a query as `who`; returns the JSON response and the errors' codes by path.
        private func run(_ query: String, as who: Who, _ variables: [String: CoercedValue] = [:]) async throws
            -> (json: String, codes: [String: String])
        {
            let cast = try await Self.cast.value
            let response = try await GatewayTestEnvironment.shared.execute(query, variables: variables, viewer: who.viewer(cast))
            var codes: [String: String] = [:]
            for error in response.result.errors {
                codes[(error.path ?? []).map(\.description).joined(separator: ".")] = error.extensions["code"] ?? error.message
            }
            return (response.result.json(), codes)
        }

        private static func ids(_ cast: Cast) -> [String: CoercedValue] {
            [
                "patient": .string(cast.patient.uuidString), "consultation": .string(cast.consultation.uuidString),
                "doctor": .string(cast.doctor.uuidString),
                "record": .string(Data("MedicalRecord:\(cast.patient.uuidString.lowercased())".utf8).base64EncodedString()),
                "consultationNode": .string(
                    Data("Consultation:\(cast.consultation.uuidString.lowercased())".utf8).base64EncodedString()),
            ]
        }

        /// Every angle to P's medical record, and the path of the denied field in each.
        static let recordAngles: [(query: String, path: String)] = [
            ("query($patient: ID!) { medicalRecord(patientId: $patient) { bloodType } }", "medicalRecord"),
            ("query($patient: ID!) { user(id: $patient) { medicalRecord { allergies { substance } } } }", "user.medicalRecord"),
            ("query($record: ID!) { node(id: $record) { ... on MedicalRecord { consultations { diagnosis } } } }", "node"),
            ("query($consultation: ID!) { consultation(id: $consultation) { record { diagnosis } } }", "consultation"),
            ("query($patient: ID!) { p: user(id: $patient) { ...R } } fragment R on User { r: medicalRecord { vitalSigns { heartRate } } }", "p.r"),
        ]

        @Test(arguments: Who.allCases)
        func medicalRecordsFromEveryAngle(who: Who) async throws {
            let cast = try await Self.cast.value
            for angle in Self.recordAngles {
                let (json, codes) = try await run(angle.query, as: who, Self.ids(cast))
                switch who {
                case .patient, .doctor, .admin:
                    #expect(codes.isEmpty, "\(who) on \(angle.query): \(codes)")
                    #expect(!json.contains(":null"), "\(who) on \(angle.query): \(json)")
                case .anonymous:
                    // The consultation itself is already refused to a caller without a token.
                    #expect(codes == [angle.path: "UNAUTHENTICATED"], "\(angle.query): \(codes)")
                case .otherPatient, .strangerDoctor:
                    #expect(codes == [angle.path: "FORBIDDEN"], "\(who) on \(angle.query): \(codes)")
                }
            }
        }

        @Test(arguments: Who.allCases)
        func personalDetailsAndConsultations(who: Who) async throws {
            let cast = try await Self.cast.value
            let (json, codes) = try await run(
                "query($patient: ID!) { user(id: $patient) { role email phone analytics { consultations } consultations(first: 100) { totalCount nodes { doctor { id } amountPaid } } } }",
                as: who, Self.ids(cast))
            let fields = ["user.email", "user.phone", "user.analytics", "user.consultations"]
            switch who {
            case .patient, .admin, .doctor:
                #expect(codes.isEmpty, "\(codes)")
            case .anonymous:
                #expect(codes == Dictionary(uniqueKeysWithValues: fields.map { ($0, "UNAUTHENTICATED") }))
            case .otherPatient, .strangerDoctor:
                #expect(codes == Dictionary(uniqueKeysWithValues: fields.map { ($0, "FORBIDDEN") }))
            }
            #expect(json.contains(#""role":"PATIENT""#))  // the rest of the response is intact
            if who == .doctor {
                // A doctor sees only the consultations they hold with the patient.
                let doctorID = Data("Doctor:\(cast.doctor.uuidString.lowercased())".utf8).base64EncodedString()
                let postgres = try await GatewayTestEnvironment.shared.stores.postgres
                let held = try await postgres.query(
                    "SELECT count(*) AS n FROM consultations WHERE patient_id = $1 AND doctor_id = $2",
                    [.uuid(cast.patient), .uuid(cast.doctor)])[0].decode(Int.self, "n")
                #expect(json.contains(#""totalCount":\#(held)"#))
                #expect(json.components(separatedBy: #""doctor":{"id":""#).count - 1 == held)
                #expect(json.components(separatedBy: doctorID).count - 1 == held)
            }
        }

        /// A patient's figures cover what the viewer may list: all of the patient's consultations
        /// for the patient and admins, only those the doctor holds for one of their doctors.
        @Test(arguments: [Who.patient, .doctor, .admin])
        func patientFiguresCoverOnlyTheConsultationsTheViewerSees(who: Who) async throws {
            let cast = try await Self.cast.value
            let postgres = try await GatewayTestEnvironment.shared.stores.postgres
            func figures(doctor: UUID?) async throws -> String {
                let row = try await postgres.query(
                    """
                    SELECT count(*) AS n, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                           coalesce(sum(amount_paid), 0)::bigint AS paid, max(scheduled_at) AS last_at
                    FROM consultations WHERE patient_id = $1 AND ($2::uuid IS NULL OR doctor_id = $2)
                    """, [.uuid(cast.patient), doctor.map(PostgresValue.uuid) ?? .null])[0]
                let count = try row.decode(Int.self, "n")
                let last = try row.decode(Date?.self, "last_at").map { "\"\(DateTime.format($0))\"" } ?? "null"
                return #"{"data":{"user":{"analytics":{"consultations":\#(count),"completedConsultations":\#(try row.decode(Int.self, "completed")),"amountPaid":\#(try row.decode(Int.self, "paid")),"lastConsultationAt":\#(last)},"consultations":{"totalCount":\#(count)}}}}"#
            }
            let (json, codes) = try await run(
                """
                query($patient: ID!) { user(id: $patient) { analytics { consultations completedConsultations amountPaid
                  lastConsultationAt } consultations { totalCount } } }
                """, as: who, Self.ids(cast))
            #expect(codes.isEmpty, "\(codes)")
            #expect(json == (try await figures(doctor: who == .doctor ? cast.doctor : nil)))
            // The cast is one where the doctor holds only some of the patient's consultations.
            #expect(try await figures(doctor: cast.doctor) != figures(doctor: nil))
        }

        @Test(arguments: Who.allCases)
        func consultationsByIdAndNode(who: Who) async throws {
            let cast = try await Self.cast.value
            for (query, path) in [
                ("query($consultation: ID!) { consultation(id: $consultation) { amountPaid status } }", "consultation"),
                ("query($consultationNode: ID!) { node(id: $consultationNode) { ... on Consultation { amountPaid } } }", "node"),
            ] {
                let (_, codes) = try await run(query, as: who, Self.ids(cast))
                switch who {
                case .patient, .doctor, .admin: #expect(codes.isEmpty)
                case .anonymous: #expect(codes == [path: "UNAUTHENTICATED"])
                case .otherPatient, .strangerDoctor: #expect(codes == [path: "FORBIDDEN"])
                }
            }
        }

        @Test(arguments: Who.allCases)
        func platformFiguresAreForAdmins(who: Who) async throws {
            let (json, codes) = try await run(
                "{ analytics { totals { users } topDoctors(limit: 1) { completedConsultations } } }", as: who)
            switch who {
            case .admin: #expect(codes.isEmpty)
            case .anonymous: #expect(codes == ["analytics.totals": "UNAUTHENTICATED"])
            default: #expect(codes == ["analytics.totals": "FORBIDDEN"])
            }
            #expect(json.contains(#""topDoctors":[{"completedConsultations":"#))  // public
        }

        @Test(arguments: Who.allCases)
        func bookingIsForThePatientThemself(who: Who) async throws {
            let cast = try await Self.cast.value
            // A seeded doctor (by license number, never one a test created) who already treats the
            // patient when one is available: the booking then changes nobody's access.
            let available = try await GatewayTestEnvironment.shared.stores.postgres.query(
                """
                SELECT d.user_id FROM doctors d
                WHERE d.available AND d.license_number ~ '^[A-Z]{3}-[0-9]{6}$'
                ORDER BY EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = $1 AND c.doctor_id = d.user_id) DESC,
                         d.license_number
                LIMIT 1
                """, [.uuid(cast.patient)])[0].decode(UUID.self, "user_id")
            var variables = Self.ids(cast)
            variables["doctor"] = .string(available.uuidString)
            // A slot of its own (one doctor's bookings start 15 minutes apart), over the runs too.
            let slot = Date(timeIntervalSince1970: 4_102_444_800 + Double(Int.random(in: 0..<1_000_000)) * 900)
            variables["when"] = .string(ISO8601DateFormatter().string(from: slot))
            let (_, codes) = try await run(
                """
                mutation($patient: ID!, $doctor: ID!, $when: DateTime!) { bookConsultation(input: {patientId: $patient,
                  doctorId: $doctor, scheduledAt: $when}) { status } }
                """, as: who, variables)
            switch who {
            case .patient, .admin: #expect(codes.isEmpty, "\(codes)")
            case .anonymous: #expect(codes == ["bookConsultation": "UNAUTHENTICATED"])
            default: #expect(codes == ["bookConsultation": "FORBIDDEN"])
            }
        }

        @Test(arguments: Who.allCases)
        func recordsAreWrittenByThePatientsDoctors(who: Who) async throws {
            let cast = try await Self.cast.value
            let (_, codes) = try await run(
                "mutation($patient: ID!) { addVaccination(input: {patientId: $patient, vaccine: \"Tetanus\", date: \"2020-01-01T00:00:00Z\"}) { id } }",
                as: who, Self.ids(cast))
            switch who {
            case .doctor, .admin: #expect(codes.isEmpty, "\(codes)")
            case .anonymous: #expect(codes == ["addVaccination": "UNAUTHENTICATED"])
            default: #expect(codes == ["addVaccination": "FORBIDDEN"])
            }
        }
    }
}
