import Foundation
import Gateway
import MongoClient
import PostgresClient
import Testing

extension SeededDataTests {
    /// GraphQL answers over the seeded data equal what direct store reads say.
    @Suite struct ReadTests {
        private func stores() async throws -> GatewayStores { try await GatewayTestEnvironment.shared.stores }

        @Test func usersWithTheirConsultationsMatchPostgreSQL() async throws {
            let data = try await GatewayTestEnvironment.data("""
                { users(first: 30, role: PATIENT) { totalCount nodes { id email phone role
                    consultations(first: 3) { totalCount nodes { id status amountPaid scheduledAt doctor { licenseNumber } } } } } }
                """)
            let postgres = try await stores().postgres
            let users = (data["users"] as! [String: Any])
            let expectedTotal = try await postgres.query("SELECT count(*) AS n FROM users WHERE role = 'PATIENT'")[0]
                .decode(Int.self, "n")
            #expect(users["totalCount"] as? Int == expectedTotal)
            let nodes = users["nodes"] as! [[String: Any]]
            #expect(nodes.count == 30)
            let rows = try await postgres.query(
                "SELECT id, email, phone FROM users WHERE role = 'PATIENT' ORDER BY created_at DESC, id DESC LIMIT 30")
            for (node, row) in zip(nodes, rows) {
                let id = try row.decode(UUID.self, "id")
                #expect(node["email"] as? String == (try row.decode(String.self, "email")))
                #expect(node["phone"] as? String == (try row.decode(String?.self, "phone")))
                #expect(node["role"] as? String == "PATIENT")
                let consultations = node["consultations"] as! [String: Any]
                let expected = try await postgres.query(
                    """
                    SELECT c.id, c.status, c.amount_paid, d.license_number FROM consultations c
                    JOIN doctors d ON d.user_id = c.doctor_id
                    WHERE c.patient_id = $1 ORDER BY c.scheduled_at DESC, c.id DESC
                    """, [.uuid(id)])
                #expect(consultations["totalCount"] as? Int == expected.count)
                let got = (consultations["nodes"] as! [[String: Any]]).map {
                    [$0["status"] as! String, String($0["amountPaid"] as! Int), ($0["doctor"] as! [String: Any])["licenseNumber"] as! String]
                }
                let want = try expected.prefix(3).map {
                    [try $0.decode(String.self, "status"), String(try $0.decode(Int.self, "amount_paid")),
                     try $0.decode(String.self, "license_number")]
                }
                #expect(got == want)
            }
        }

        @Test func paginationWalksEveryConsultationOnce() async throws {
            let postgres = try await stores().postgres
            let doctorId = try await postgres.query(
                "SELECT doctor_id FROM consultations GROUP BY doctor_id ORDER BY count(*) DESC, doctor_id LIMIT 1")[0]
                .decode(UUID.self, "doctor_id")
            var seen: [String] = []
            var after: String? = nil
            var pages = 0
            repeat {
                let data = try await GatewayTestEnvironment.data(
                    """
                    query($id: ID!, $after: String) { doctor(id: $id) { consultations(first: 7, after: $after) {
                      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } } }
                    """,
                    variables: ["id": .string(doctorId.uuidString), "after": after.map { .string($0) } ?? .null])
                let connection = (data["doctor"] as! [String: Any])["consultations"] as! [String: Any]
                let pageInfo = connection["pageInfo"] as! [String: Any]
                #expect(pageInfo["hasPreviousPage"] as? Bool == (after != nil))
                seen += (connection["nodes"] as! [[String: Any]]).map { $0["id"] as! String }
                after = (pageInfo["hasNextPage"] as! Bool) ? pageInfo["endCursor"] as? String : nil
                pages += 1
            } while after != nil && pages < 100
            let expected = try await postgres.query(
                "SELECT id FROM consultations WHERE doctor_id = $1 ORDER BY scheduled_at DESC, id DESC", [.uuid(doctorId)]
            ).map { try $0.decode(UUID.self, "id") }
            #expect(seen == expected.map { GlobalIDs.encode("Consultation", $0) })
            #expect(pages == (expected.count + 6) / 7)
        }
    }
}

/// The IDs the gateway hands out, for comparing with store keys.
enum GlobalIDs {
    static func encode(_ type: String, _ id: UUID) -> String {
        Data("\(type):\(id.uuidString.lowercased())".utf8).base64EncodedString()
    }
}
