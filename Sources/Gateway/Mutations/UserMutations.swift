import Foundation
import GraphQLExecution
import PostgresClient

/// `createUser`: a user, and for a doctor the doctor profile, in one transaction.
enum UserMutations {
    static let createUser = FieldResolver.async { _, arguments, info in
        let input = try NewUser(InputObject(arguments, "input"))
        try MutationAccess.createUser(role: input.role, info.gateway)
        let writes = StoreWrites(context: info.gateway)
        let user = try await writes.transaction { transaction in
            let user = try UserRow(
                try await transaction.query(
                    "INSERT INTO users (email, phone, role) VALUES ($1, $2, $3) RETURNING \(UserRow.columns)",
                    [.text(input.email), input.phone.map(PostgresValue.text) ?? .null, .text(input.role)]
                )[0])
            if let profile = input.doctorProfile {
                _ = try await transaction.query(
                    """
                    INSERT INTO doctors (user_id, specialty, license_number, consultation_fee, available)
                    VALUES ($1, $2, $3, $4, $5)
                    """,
                    [
                        .uuid(user.id), .text(profile.specialty), .text(profile.licenseNumber),
                        .int32(Int32(profile.consultationFee)), .bool(profile.available),
                    ])
            }
            return user
        }
        await writes.invalidate([CacheKey.analytics("totals")])
        return Resolve.user(user)
    }
}

/// `CreateUserInput`, checked.
struct NewUser {
    struct DoctorProfile {
        var specialty: String
        var licenseNumber: String
        var consultationFee: Int
        var available: Bool
    }

    var email: String
    var phone: String?
    var role: String
    var doctorProfile: DoctorProfile?

    /// Fees above this (in minor units) are surely a mistake: 1,000,000.00.
    static let maximumFee = 100_000_000

    init(_ input: InputObject) throws {
        email = try InputFormat.email(input.string("email") ?? "", field: input.field("email"))
        phone = try input.string("phone").map { try InputFormat.phone($0, field: input.field("phone")) }
        role = input.string("role") ?? ""
        switch (role, input.object("doctorProfile")) {
        case ("DOCTOR", nil):
            throw GatewayError.badInput(input.field("doctorProfile"), "is required for a user with role DOCTOR")
        case ("DOCTOR", let profile?):
            guard let fee = try profile.int("consultationFee", atLeast: 0, atMost: Self.maximumFee) else {
                throw GatewayError.badInput(profile.field("consultationFee"), "is required")
            }
            doctorProfile = DoctorProfile(
                specialty: try profile.text("specialty", maxLength: 100),
                licenseNumber: try profile.text("licenseNumber", maxLength: 50),
                consultationFee: fee,
                available: profile.bool("available") ?? true)
        case (_, nil):
            doctorProfile = nil
        case (_, _?):
            throw GatewayError.badInput(input.field("doctorProfile"), "is only for users with role DOCTOR")
        }
    }
}
