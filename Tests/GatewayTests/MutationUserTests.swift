import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import PostgresClient
import Testing

@testable import Gateway

/// `createUser`, checked against the rows it wrote.
struct MutationUserTests {
    static let create = """
        mutation ($input: CreateUserInput!) {
          createUser(input: $input) {
            id email phone role createdAt
            doctorProfile { id specialty licenseNumber consultationFee available user { email } }
          }
        }
        """

    @Test("a patient: the row as written, email in lower case and phone in E.164")
    func createsPatient() async throws {
        let gateway = try await MutationFixtures.shared()
        let email = MutationFixtures.uniqueEmail()
        let result = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"email": "  \#(email.uppercased())  ", "phone": "+33 6 12-34.56 78", "role": "PATIENT"}}"#)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let user = result.data?[field: "createUser"]
        let rows = try await gateway.stores.postgres.query(
            "SELECT id, email, phone, role, created_at FROM users WHERE email = $1", [.text(email)])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(user?[field: "id"] == .string(GlobalID.encode("User", try row.decode(UUID.self, "id"))))
        #expect(user?[field: "email"] == .string(email))
        #expect(try row.decode(String?.self, "phone") == "+33612345678")
        #expect(user?[field: "phone"] == .string("+33612345678"))
        #expect(user?[field: "role"] == .string("PATIENT"))
        #expect(user?[field: "createdAt"] == .string(DateTime.format(try row.decode(Date.self, "created_at"))))
        #expect(user?[field: "doctorProfile"] == .null)
    }

    @Test("a doctor: the user and the profile, in one transaction")
    func createsDoctor() async throws {
        let gateway = try await MutationFixtures.shared()
        let email = MutationFixtures.uniqueEmail("doctor")
        let license = "FR-\(UUID().uuidString.prefix(10))"
        let result = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"email": "\#(email)", "role": "DOCTOR", "doctorProfile": {"specialty": " Dermatology ", "licenseNumber": "\#(license)", "consultationFee": 6000}}}"#
        )
        #expect(result.errors.isEmpty, "\(result.errors)")
        let profile = result.data?[field: "createUser"]?[field: "doctorProfile"]
        let row = try #require(
            try await gateway.stores.postgres.query(
                "SELECT d.user_id, d.specialty, d.consultation_fee, d.available FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.license_number = $1 AND u.email = $2",
                [.text(license), .text(email)]
            ).first)
        #expect(profile?[field: "id"] == .string(GlobalID.encode("Doctor", try row.decode(UUID.self, "user_id"))))
        #expect(try row.decode(String.self, "specialty") == "Dermatology")
        #expect(profile?[field: "specialty"] == .string("Dermatology"))
        #expect(profile?[field: "licenseNumber"] == .string(license))
        #expect(profile?[field: "consultationFee"] == .int(6000))
        #expect(try row.decode(Bool.self, "available"))
        #expect(profile?[field: "available"] == .boolean(true))
        #expect(profile?[field: "user"]?[field: "email"] == .string(email))
    }

    static let invalid: [(input: String, error: MutationFixtures.ClientError)] = [
        (#""email": "no-at-sign", "role": "PATIENT""#, .init("Invalid input.email: is not an email address.", "BAD_USER_INPUT", "input.email")),
        (#""email": "a b@c.d", "role": "PATIENT""#, .init("Invalid input.email: is not an email address.", "BAD_USER_INPUT", "input.email")),
        (#""email": "a@localhost", "role": "PATIENT""#, .init("Invalid input.email: is not an email address.", "BAD_USER_INPUT", "input.email")),
        (
            #""email": "x@y.test", "phone": "0612345678", "role": "PATIENT""#,
            .init(
                "Invalid input.phone: is not a phone number in E.164 form, such as +33612345678.", "BAD_USER_INPUT",
                "input.phone")
        ),
        (
            #""email": "x@y.test", "role": "DOCTOR""#,
            .init("Invalid input.doctorProfile: is required for a user with role DOCTOR.", "BAD_USER_INPUT", "input.doctorProfile")
        ),
        (
            #""email": "x@y.test", "role": "ADMIN", "doctorProfile": {"specialty": "A", "licenseNumber": "B", "consultationFee": 1}"#,
            .init("Invalid input.doctorProfile: is only for users with role DOCTOR.", "BAD_USER_INPUT", "input.doctorProfile")
        ),
        (
            #""email": "x@y.test", "role": "DOCTOR", "doctorProfile": {"specialty": "A", "licenseNumber": "B", "consultationFee": -1}"#,
            .init(
                "Invalid input.doctorProfile.consultationFee: must be at least 0.", "BAD_USER_INPUT",
                "input.doctorProfile.consultationFee")
        ),
        (
            #""email": "x@y.test", "role": "DOCTOR", "doctorProfile": {"specialty": "  ", "licenseNumber": "B", "consultationFee": 1}"#,
            .init(
                "Invalid input.doctorProfile.specialty: must not be empty.", "BAD_USER_INPUT", "input.doctorProfile.specialty")
        ),
        (
            #""email": "x@y.test", "role": "DOCTOR", "doctorProfile": {"specialty": "A", "licenseNumber": "\#(String(repeating: "9", count: 51))", "consultationFee": 1}"#,
            .init(
                "Invalid input.doctorProfile.licenseNumber: must be at most 50 characters.", "BAD_USER_INPUT",
                "input.doctorProfile.licenseNumber")
        ),
    ]

    @Test("invalid input names its field", arguments: invalid)
    func rejectsInvalidInput(input: String, error: MutationFixtures.ClientError) async throws {
        let gateway = try await MutationFixtures.shared()
        let result = try await MutationFixtures.execute(gateway, Self.create, #"{"input": {\#(input)}}"#)
        #expect(result.data == .null)
        #expect(MutationFixtures.errors(result) == [error])
    }

    @Test("a taken email or license is a CONFLICT on its field, whatever the case; nothing is half-written")
    func uniqueConstraints() async throws {
        let gateway = try await MutationFixtures.shared()
        let email = MutationFixtures.uniqueEmail()
        let license = "DUP-\(UUID().uuidString.prefix(10))"
        let first = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"email": "\#(email)", "role": "DOCTOR", "doctorProfile": {"specialty": "A", "licenseNumber": "\#(license)", "consultationFee": 0}}}"#
        )
        #expect(first.errors.isEmpty, "\(first.errors)")

        let sameEmail = try await MutationFixtures.execute(
            gateway, Self.create, #"{"input": {"email": "\#(email.uppercased())", "role": "PATIENT"}}"#)
        #expect(
            MutationFixtures.errors(sameEmail) == [
                .init("A user with this email address already exists.", "CONFLICT", "input.email")
            ])

        let otherEmail = MutationFixtures.uniqueEmail()
        let sameLicense = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"email": "\#(otherEmail)", "role": "DOCTOR", "doctorProfile": {"specialty": "A", "licenseNumber": "\#(license)", "consultationFee": 0}}}"#
        )
        #expect(
            MutationFixtures.errors(sameLicense) == [
                .init(
                    "A doctor with this license number already exists.", "CONFLICT", "input.doctorProfile.licenseNumber")
            ])
        // The user row of the refused doctor was rolled back with the profile.
        let users = try await gateway.stores.postgres.query("SELECT 1 FROM users WHERE email = $1", [.text(otherEmail)])
        #expect(users.isEmpty)
    }

    /// Check constraints behind rules the input checks already enforce, provoked directly.
    static let violations: [(sql: String, error: MutationFixtures.ClientError)] = [
        (
            "INSERT INTO users (email, role) VALUES ('@nowhere', 'PATIENT')",
            .init("Invalid input.email: is not an email address.", "BAD_USER_INPUT", "input.email")
        ),
        (
            "INSERT INTO consultations (patient_id, doctor_id, scheduled_at, amount_paid) SELECT u.id, d.user_id, now(), -1 FROM users u, doctors d LIMIT 1",
            // No input names a price any more (a booking pays the doctor's fee): a rule broken
            // here is the gateway's, not the client's.
            .init("Internal error: the write was refused.", "INTERNAL_SERVER_ERROR", nil)
        ),
    ]

    @Test("PostgreSQL constraint violations become their field's error, never PostgreSQL's message", arguments: violations)
    func mapsConstraintViolations(sql: String, expected: MutationFixtures.ClientError) async throws {
        let gateway = try await MutationFixtures.shared()
        _ = try await MutationFixtures.doctor(gateway)
        do {
            try await gateway.stores.postgres.execute(sql)
            Issue.record("the statement should have violated a constraint")
        } catch {
            let mapped = try #require(StoreWrites.postgresFailure(error) as? GraphQLError)
            #expect(MutationFixtures.ClientError(mapped.message, mapped.extensions["code"], mapped.extensions["field"]) == expected)
        }
    }
}
