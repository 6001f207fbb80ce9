import Foundation
import GraphQLExecution
import GraphQLSchema
import PostgresClient
import Testing

@testable import Gateway

/// `bookConsultation`, `cancelConsultation`, and `completeConsultation`'s input checks (the
/// saga itself: OutboxSagaTests).
struct MutationConsultationTests {
    static let book = """
        mutation ($input: BookConsultationInput!) {
          bookConsultation(input: $input) { id status scheduledAt amountPaid completedAt patient { id } doctor { id } }
        }
        """

    static func future(days: Double = 3) -> String {
        DateTime.format(Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + days * 86_400).rounded()))
    }

    @Test("a booking: SCHEDULED, at the doctor's fee; a client cannot name its price")
    func books() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let doctor = try await MutationFixtures.doctor(gateway, fee: 7_250)
        let when = Self.future()
        let result = try await MutationFixtures.execute(
            gateway, Self.book,
            #"{"input": {"patientId": "\#(GlobalID.encode("User", patient))", "doctorId": "\#(doctor)", "scheduledAt": "\#(when)"}}"#)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let booked = result.data?[field: "bookConsultation"]
        guard case .string(let globalID)? = booked?[field: "id"], let id = GlobalID(decoding: globalID) else {
            Issue.record("no id in \(String(describing: booked))")
            return
        }
        let row = try await gateway.stores.postgres.query(
            "SELECT patient_id, doctor_id, scheduled_at, status, amount_paid FROM consultations WHERE id = $1",
            [.uuid(try #require(UUID(uuidString: id.key)))])[0]
        #expect(try row.decode(UUID.self, "patient_id") == patient)
        #expect(try row.decode(UUID.self, "doctor_id") == doctor)
        #expect(DateTime.format(try row.decode(Date.self, "scheduled_at")) == when)
        #expect(try row.decode(String.self, "status") == "SCHEDULED")
        #expect(try row.decode(Int.self, "amount_paid") == 7_250)
        #expect(booked?[field: "status"] == .string("SCHEDULED"))
        #expect(booked?[field: "scheduledAt"] == .string(when))
        #expect(booked?[field: "amountPaid"] == .int(7_250))
        #expect(booked?[field: "completedAt"] == .null)
        #expect(booked?[field: "patient"]?[field: "id"] == .string(GlobalID.encode("User", patient)))
        #expect(booked?[field: "doctor"]?[field: "id"] == .string(GlobalID.encode("Doctor", doctor)))

        let free = try await MutationFixtures.execute(
            gateway,
            """
            mutation { bookConsultation(input: {patientId: "\(patient)", doctorId: "\(doctor)",
              scheduledAt: "\(Self.future(days: 4))", amountPaid: 0}) { amountPaid } }
            """)
        #expect(
            free.errors.map(\.message) == [#"Field "amountPaid" is not defined by type "BookConsultationInput"."#])
        #expect(free.data == nil)
        let bookings = try await gateway.stores.postgres.query(
            "SELECT count(*) AS n FROM consultations WHERE patient_id = $1", [.uuid(patient)])
        #expect(try bookings[0].decode(Int.self, "n") == 1)
    }

    @Test("a doctor's slot: taken within 15 minutes, free at 15 or once cancelled, and one winner among racing bookings")
    func slots() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let doctor = try await MutationFixtures.doctor(gateway)
        let start = (Date().timeIntervalSince1970 + 5 * 86_400).rounded()
        func book(after minutes: Double) async throws -> ExecutionResult {
            let when = DateTime.format(Date(timeIntervalSince1970: start + minutes * 60))
            return try await MutationFixtures.execute(
                gateway, "mutation ($input: BookConsultationInput!) { bookConsultation(input: $input) { id } }",
                #"{"input": {"patientId": "\#(patient)", "doctorId": "\#(doctor)", "scheduledAt": "\#(when)"}}"#)
        }
        let taken = MutationFixtures.ClientError(
            "The doctor already has a consultation within 15 minutes of that time.", "CONFLICT", "input.scheduledAt")

        // Five at once for one slot: exactly one books it.
        let racing = try await withThrowingTaskGroup(of: ExecutionResult.self) { group in
            for _ in 0..<5 { group.addTask { try await book(after: 0) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(racing.filter(\.errors.isEmpty).count == 1)
        #expect(racing.flatMap(MutationFixtures.errors) == Array(repeating: taken, count: 4))

        #expect(MutationFixtures.errors(try await book(after: 14)) == [taken])
        #expect(MutationFixtures.errors(try await book(after: -14)) == [taken])
        #expect(try await book(after: 15).errors.isEmpty)
        #expect(try await book(after: -15).errors.isEmpty)
        let rows = try await gateway.stores.postgres.query(
            "SELECT count(*) AS n FROM consultations WHERE doctor_id = $1", [.uuid(doctor)])
        #expect(try rows[0].decode(Int.self, "n") == 3)

        // Cancelled, the slot is free again.
        try await gateway.stores.postgres.execute(
            "UPDATE consultations SET status = 'CANCELLED' WHERE doctor_id = $1 AND scheduled_at = $2",
            [.uuid(doctor), .timestamptz(Date(timeIntervalSince1970: start))])
        #expect(try await book(after: 0).errors.isEmpty)
    }

    @Test("booking refuses what it cannot honour, naming the field")
    func refusesBookings() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let doctor = try await MutationFixtures.doctor(gateway)
        let away = try await MutationFixtures.doctor(gateway, available: false)
        let unknown = UUID()
        let cases: [(String, MutationFixtures.ClientError)] = [
            (
                #""patientId": "\#(patient)", "doctorId": "\#(doctor)", "scheduledAt": "2020-01-01T10:00:00Z""#,
                .init("Invalid input.scheduledAt: must be in the future.", "BAD_USER_INPUT", "input.scheduledAt")
            ),
            (
                #""patientId": "\#(patient)", "doctorId": "\#(doctor)", "scheduledAt": "next tuesday""#,
                .init(
                    "Invalid input.scheduledAt: is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z.", "BAD_USER_INPUT",
                    "input.scheduledAt")
            ),
            (
                #""patientId": "not-an-id", "doctorId": "\#(doctor)", "scheduledAt": "\#(Self.future())""#,
                .init("Invalid input.patientId: is not a User ID.", "BAD_USER_INPUT", "input.patientId")
            ),
            (
                #""patientId": "\#(patient)", "doctorId": "\#(GlobalID.encode("User", doctor))", "scheduledAt": "\#(Self.future())""#,
                .init("Invalid input.doctorId: is not a Doctor ID.", "BAD_USER_INPUT", "input.doctorId")
            ),
            (
                #""patientId": "\#(doctor)", "doctorId": "\#(away)", "scheduledAt": "\#(Self.future())""#,
                .init("Invalid input.patientId: is not a patient.", "BAD_USER_INPUT", "input.patientId")
            ),
            (
                #""patientId": "\#(unknown)", "doctorId": "\#(doctor)", "scheduledAt": "\#(Self.future())""#,
                .init("No user has that ID.", "NOT_FOUND", "input.patientId")
            ),
            (
                #""patientId": "\#(patient)", "doctorId": "\#(unknown)", "scheduledAt": "\#(Self.future())""#,
                .init("No doctor has that ID.", "NOT_FOUND", "input.doctorId")
            ),
            (
                #""patientId": "\#(patient)", "doctorId": "\#(away)", "scheduledAt": "\#(Self.future())""#,
                .init("The doctor is not taking bookings.", "CONFLICT", "input.doctorId")
            ),
        ]
        for (input, error) in cases {
            let result = try await MutationFixtures.execute(gateway, Self.book, #"{"input": {\#(input)}}"#)
            #expect(result.data == .null)
            #expect(MutationFixtures.errors(result) == [error], "\(input)")
        }
        let booked = try await gateway.stores.postgres.query(
            "SELECT count(*) AS n FROM consultations WHERE patient_id = $1", [.uuid(patient)])
        #expect(try booked[0].decode(Int.self, "n") == 0)
    }

    static let cancel = "mutation ($id: ID!) { cancelConsultation(id: $id) { id status completedAt } }"

    @Test("cancelling: only a SCHEDULED consultation, once")
    func cancels() async throws {
        let gateway = try await MutationFixtures.shared()
        let (id, _, _) = try await MutationFixtures.consultation(gateway)
        let result = try await MutationFixtures.execute(gateway, Self.cancel, #"{"id": "\#(GlobalID.encode("Consultation", id))"}"#)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.data?[field: "cancelConsultation"]?[field: "status"] == .string("CANCELLED"))
        let status = try await gateway.stores.postgres.query("SELECT status FROM consultations WHERE id = $1", [.uuid(id)])
        #expect(try status[0].decode(String.self, "status") == "CANCELLED")

        let again = try await MutationFixtures.execute(gateway, Self.cancel, #"{"id": "\#(id)"}"#)
        #expect(
            MutationFixtures.errors(again) == [
                .init("The consultation is CANCELLED; only a SCHEDULED consultation can be cancelled.", "CONFLICT", "id")
            ])
        let unknown = try await MutationFixtures.execute(gateway, Self.cancel, #"{"id": "\#(UUID())"}"#)
        #expect(MutationFixtures.errors(unknown) == [.init("No consultation has that ID.", "NOT_FOUND", "id")])
        let completed = try await MutationFixtures.consultation(gateway, status: "COMPLETED")
        let late = try await MutationFixtures.execute(gateway, Self.cancel, #"{"id": "\#(completed.id)"}"#)
        #expect(
            MutationFixtures.errors(late) == [
                .init("The consultation is COMPLETED; only a SCHEDULED consultation can be cancelled.", "CONFLICT", "id")
            ])
    }

    @Test("completing checks its input before writing anything")
    func completionInput() async throws {
        let gateway = try await MutationFixtures.shared()
        let (id, _, _) = try await MutationFixtures.consultation(gateway)
        let cancelled = try await MutationFixtures.consultation(gateway, status: "CANCELLED")
        let complete = "mutation ($input: CompleteConsultationInput!) { completeConsultation(input: $input) { recordStatus } }"
        let cases: [(String, MutationFixtures.ClientError)] = [
            (
                #""consultationId": "\#(id)", "diagnosis": "   ""#,
                .init("Invalid input.diagnosis: must not be empty.", "BAD_USER_INPUT", "input.diagnosis")
            ),
            (
                #""consultationId": "\#(id)", "diagnosis": "Flu", "symptoms": ["fever", ""]"#,
                .init("Invalid input.symptoms.1: must not be empty.", "BAD_USER_INPUT", "input.symptoms.1")
            ),
            (
                #""consultationId": "\#(id)", "diagnosis": "Flu", "prescriptions": [{"drug": "", "dosage": "1", "frequency": "daily"}]"#,
                .init("Invalid input.prescriptions.0.drug: must not be empty.", "BAD_USER_INPUT", "input.prescriptions.0.drug")
            ),
            (
                #""consultationId": "\#(id)", "diagnosis": "\#(String(repeating: "x", count: 501))""#,
                .init("Invalid input.diagnosis: must be at most 500 characters.", "BAD_USER_INPUT", "input.diagnosis")
            ),
            (
                #""consultationId": "\#(GlobalID.encode("Post", id))", "diagnosis": "Flu""#,
                .init("Invalid input.consultationId: is not a Consultation ID.", "BAD_USER_INPUT", "input.consultationId")
            ),
            (
                #""consultationId": "\#(UUID())", "diagnosis": "Flu""#,
                .init("No consultation has that ID.", "NOT_FOUND", "input.consultationId")
            ),
            (
                #""consultationId": "\#(cancelled.id)", "diagnosis": "Flu""#,
                .init(
                    "The consultation is CANCELLED; only a SCHEDULED consultation can be completed.", "CONFLICT",
                    "input.consultationId")
            ),
        ]
        for (input, error) in cases {
            let result = try await MutationFixtures.execute(gateway, complete, #"{"input": {\#(input)}}"#)
            #expect(MutationFixtures.errors(result) == [error], "\(input)")
        }
        let row = try await gateway.stores.postgres.query("SELECT status FROM consultations WHERE id = $1", [.uuid(id)])
        #expect(try row[0].decode(String.self, "status") == "SCHEDULED")
        #expect(try await MutationFixtures.outbox(gateway.stores.postgres, consultation: id).isEmpty)
    }
}
