import Foundation
import GraphQLLanguage
import Testing

@testable import Gateway

extension SeededDataTests {
    /// `Gateway.admit`: who is asking, decided once per operation before any GraphQL work. The
    /// viewer it admits is the one the operation runs as; a credential that does not check out
    /// is a `401`, never read as anonymous.
    @Suite struct GatewayAdmissionTests {
        static let patient = UUID(uuidString: "0f0f0f0f-1111-2222-3333-444455556666")!

        static func unauthenticated(_ message: String) -> Gateway.Admission {
            .refused(
                Gateway.Refusal(
                    status: 401, error: GraphQLError(message: message, extensions: ["code": "UNAUTHENTICATED"]),
                    headers: [Gateway.Refusal.Header(name: "WWW-Authenticate", value: #"Bearer error="invalid_token""#)]))
        }

        @Test(arguments: [
            ("no header", nil, .admitted(.anonymous)),
            ("a patient's token", "Bearer PATIENT", .admitted(.user(id: patient, role: .patient))),
            ("another scheme", "Basic cGF0aWVudA==", unauthenticated("The bearer token is not a JWT.")),
            ("a forged signature", "Bearer FORGED", unauthenticated("The bearer token's signature is not valid.")),
            ("an expired token", "Bearer EXPIRED", unauthenticated("The bearer token has expired.")),
        ] as [(String, String?, Gateway.Admission)])
        func admission(_ label: String, header: String?, expected: Gateway.Admission) async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let valid = gateway.tokens.sign(user: Self.patient, role: .patient)
            // The signature's first character changed: still base64url, no longer the signature.
            let signatureStart = valid.index(after: try #require(valid.lastIndex(of: ".")))
            let forged = valid[..<signatureStart] + (valid[signatureStart] == "A" ? "B" : "A")
                + valid[valid.index(after: signatureStart)...]
            let expired = gateway.tokens.sign(
                user: Self.patient, role: .patient, lifetime: .seconds(60), now: Date().addingTimeInterval(-120))
            let sent = header?.replacingOccurrences(of: "PATIENT", with: valid)
                .replacingOccurrences(of: "FORGED", with: String(forged))
                .replacingOccurrences(of: "EXPIRED", with: expired)
            let admission = await gateway.admit(authorization: sent, address: "127.0.0.1:5000")
            #expect(admission == expected, "\(label)")
        }
    }
}
