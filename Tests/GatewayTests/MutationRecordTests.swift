import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient
import Testing

@testable import Gateway

/// `addVitalSigns`, `addAllergy`, `addVaccination`: the patient's record, created on first
/// write, checked against MongoDB.
struct MutationRecordTests {
    static let vitals = """
        mutation ($input: AddVitalSignsInput!) {
          addVitalSigns(input: $input) {
            id patient { id }
            vitalSigns { recordedAt heartRate bloodPressure { systolic diastolic } temperature weightKg heightCm }
            consultations { diagnosis } allergies { substance } vaccinations { vaccine }
          }
        }
        """

    static func record(_ gateway: Gateway, _ patient: UUID) async throws -> BSONDocument? {
        try await gateway.stores.mongo.collection("medical_records").findOne(
            .eq("patientId", .string(patient.uuidString.lowercased())))
    }

    @Test("vital signs: the record is created when missing; the latest five sets are kept, oldest first")
    func addsVitalSigns() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        #expect(try await Self.record(gateway, patient) == nil)

        let first = try await MutationFixtures.execute(
            gateway, Self.vitals,
            #"{"input": {"patientId": "\#(patient)", "recordedAt": "2025-01-03T08:00:00Z", "heartRate": 72, "bloodPressure": {"systolic": 120, "diastolic": 80}, "temperature": 36.8, "weightKg": 70.5, "heightCm": 178}}"#
        )
        #expect(first.errors.isEmpty, "\(first.errors)")
        let record = first.data?[field: "addVitalSigns"]
        #expect(record?[field: "id"] == .string(GlobalID.encode("MedicalRecord", patient.uuidString.lowercased())))
        #expect(record?[field: "patient"]?[field: "id"] == .string(GlobalID.encode("User", patient)))
        #expect(record?[field: "consultations"] == .list([]))
        #expect(record?[field: "allergies"] == .list([]))
        #expect(
            record?[field: "vitalSigns"]
                == .list([
                    .object([
                        .init(name: "recordedAt", value: .string("2025-01-03T08:00:00.000Z")),
                        .init(name: "heartRate", value: .int(72)),
                        .init(
                            name: "bloodPressure",
                            value: .object([.init(name: "systolic", value: .int(120)), .init(name: "diastolic", value: .int(80))])),
                        .init(name: "temperature", value: .float(36.8)),
                        .init(name: "weightKg", value: .float(70.5)),
                        .init(name: "heightCm", value: .int(178)),
                    ])
                ]))
        let stored = try #require(try await Self.record(gateway, patient))
        #expect(stored["vitalSigns"]?.arrayValue?.count == 1)
        #expect(stored["createdAt"] != nil)

        // Days 1, 2, 4, 5, 6 and 7 of January, out of order: the latest five stay, sorted.
        for day in [5, 1, 7, 2, 4, 6] {
            let result = try await MutationFixtures.execute(
                gateway, Self.vitals,
                #"{"input": {"patientId": "\#(patient)", "recordedAt": "2025-01-0\#(day)T08:00:00Z", "heartRate": \#(60 + day)}}"#)
            #expect(result.errors.isEmpty, "\(result.errors)")
        }
        let kept = try #require(try await Self.record(gateway, patient))["vitalSigns"]?.arrayValue?.compactMap(\.documentValue)
        #expect(kept?.map { $0["heartRate"]?.intValue } == [72, 64, 65, 66, 67])
        #expect(kept?.first?["recordedAt"] == .date(try #require(DateTime.parse("2025-01-03T08:00:00Z"))))
    }

    static let invalidVitals: [(fields: String, error: MutationFixtures.ClientError)] = [
        (#""heartRate": 10"#, .init("Invalid input.heartRate: must be between 20 and 300.", "BAD_USER_INPUT", "input.heartRate")),
        (#""weightKg": 0.1"#, .init("Invalid input.weightKg: must be between 0.2 and 500.", "BAD_USER_INPUT", "input.weightKg")),
        (#""temperature": 46"#, .init("Invalid input.temperature: must be between 25 and 45.", "BAD_USER_INPUT", "input.temperature")),
        (
            #""bloodPressure": {"systolic": 80, "diastolic": 90}"#,
            .init("Invalid input.bloodPressure.diastolic: must be below systolic.", "BAD_USER_INPUT", "input.bloodPressure.diastolic")
        ),
        (
            #""recordedAt": "2999-01-01T00:00:00Z", "heartRate": 60"#,
            .init("Invalid input.recordedAt: must not be in the future.", "BAD_USER_INPUT", "input.recordedAt")
        ),
        ("", .init("Invalid input: needs at least one measurement.", "BAD_USER_INPUT", "input")),
    ]

    @Test("vital signs out of range, naming the field", arguments: invalidVitals)
    func rejectsVitalSigns(fields: String, error: MutationFixtures.ClientError) async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let separator = fields.isEmpty ? "" : ", "
        let result = try await MutationFixtures.execute(
            gateway, Self.vitals, #"{"input": {"patientId": "\#(patient)"\#(separator)\#(fields)}}"#)
        #expect(MutationFixtures.errors(result) == [error])
        #expect(try await Self.record(gateway, patient) == nil)
    }

    @Test("only an existing patient has a record")
    func requiresPatient() async throws {
        let gateway = try await MutationFixtures.shared()
        let doctor = try await MutationFixtures.doctor(gateway)
        let asDoctor = try await MutationFixtures.execute(
            gateway, Self.vitals, #"{"input": {"patientId": "\#(doctor)", "heartRate": 60}}"#)
        #expect(MutationFixtures.errors(asDoctor) == [.init("Invalid input.patientId: is not a patient.", "BAD_USER_INPUT", "input.patientId")])
        let unknown = try await MutationFixtures.execute(
            gateway, Self.vitals, #"{"input": {"patientId": "\#(UUID())", "heartRate": 60}}"#)
        #expect(MutationFixtures.errors(unknown) == [.init("No user has that ID.", "NOT_FOUND", "input.patientId")])
        #expect(try await Self.record(gateway, doctor) == nil)
    }

    static let allergy = """
        mutation ($input: AddAllergyInput!) { addAllergy(input: $input) { allergies { substance reaction severity recordedAt } } }
        """

    @Test("allergies: added once per substance; two at once on a new record both land")
    func addsAllergies() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        async let one = MutationFixtures.execute(
            gateway, Self.allergy,
            #"{"input": {"patientId": "\#(patient)", "substance": "Penicillin", "reaction": "Hives", "severity": "MODERATE"}}"#)
        async let two = MutationFixtures.execute(
            gateway, Self.allergy,
            #"{"input": {"patientId": "\#(patient)", "substance": "Peanuts", "reaction": "Anaphylaxis", "severity": "SEVERE"}}"#)
        let results = try await [one, two]
        let failures = results.flatMap(\.errors)
        #expect(failures.isEmpty, "\(failures)")
        let records = try await gateway.stores.mongo.collection("medical_records").find(
            .eq("patientId", .string(patient.uuidString.lowercased())))
        #expect(records.count == 1)
        let allergies = records.first?["allergies"]?.arrayValue?.compactMap(\.documentValue) ?? []
        #expect(Set(allergies.compactMap { $0["substance"]?.stringValue }) == ["Penicillin", "Peanuts"])
        #expect(allergies.first { $0["substance"] == "Peanuts" }?["severity"] == "SEVERE")
        if case .date = allergies.first?["recordedAt"] {} else { Issue.record("recordedAt is not a date") }

        let again = try await MutationFixtures.execute(
            gateway, Self.allergy,
            #"{"input": {"patientId": "\#(patient)", "substance": "Penicillin", "reaction": "Rash", "severity": "MILD"}}"#)
        #expect(
            MutationFixtures.errors(again) == [
                .init("The medical record already lists an allergy to this substance.", "CONFLICT", "input.substance")
            ])
        let empty = try await MutationFixtures.execute(
            gateway, Self.allergy, #"{"input": {"patientId": "\#(patient)", "substance": "Latex", "reaction": "", "severity": "MILD"}}"#)
        #expect(MutationFixtures.errors(empty) == [.init("Invalid input.reaction: must not be empty.", "BAD_USER_INPUT", "input.reaction")])
        #expect(try await Self.record(gateway, patient)?["allergies"]?.arrayValue?.count == 2)
    }

    static let vaccination = """
        mutation ($input: AddVaccinationInput!) { addVaccination(input: $input) { vaccinations { vaccine date dose } } }
        """

    @Test("vaccinations: dose 1 unless given; not in the future")
    func addsVaccinations() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let result = try await MutationFixtures.execute(
            gateway, Self.vaccination,
            #"{"input": {"patientId": "\#(GlobalID.encode("User", patient))", "vaccine": "Tetanus", "date": "2024-05-01T10:00:00+02:00"}}"#)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(
            result.data?[field: "addVaccination"]?[field: "vaccinations"]
                == .list([
                    .object([
                        .init(name: "vaccine", value: .string("Tetanus")), .init(name: "date", value: .string("2024-05-01T08:00:00.000Z")),
                        .init(name: "dose", value: .int(1)),
                    ])
                ]))
        let stored = try await Self.record(gateway, patient)?["vaccinations"]?.arrayValue?.first?.documentValue
        #expect(stored?["dose"] == .int32(1))
        #expect(stored?["date"] == .date(try #require(DateTime.parse("2024-05-01T08:00:00Z"))))

        let cases: [(String, MutationFixtures.ClientError)] = [
            (
                #""vaccine": "Tetanus", "date": "2999-05-01T10:00:00Z""#,
                .init("Invalid input.date: must not be in the future.", "BAD_USER_INPUT", "input.date")
            ),
            (
                #""vaccine": "Tetanus", "date": "2024-05-01T10:00:00Z", "dose": 11"#,
                .init("Invalid input.dose: must be between 1 and 10.", "BAD_USER_INPUT", "input.dose")
            ),
            (#""vaccine": " ", "date": "2024-05-01T10:00:00Z""#, .init("Invalid input.vaccine: must not be empty.", "BAD_USER_INPUT", "input.vaccine")),
        ]
        for (fields, error) in cases {
            let refused = try await MutationFixtures.execute(
                gateway, Self.vaccination, #"{"input": {"patientId": "\#(patient)", \#(fields)}}"#)
            #expect(MutationFixtures.errors(refused) == [error], "\(fields)")
        }
        #expect(try await Self.record(gateway, patient)?["vaccinations"]?.arrayValue?.count == 1)
    }
}
