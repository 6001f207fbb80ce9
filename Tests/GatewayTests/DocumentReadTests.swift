import Foundation
import Gateway
import MongoClient
import PostgresClient
import Testing

extension SeededDataTests {
    /// Medical records, posts and comments through GraphQL equal the MongoDB documents; doctors
    /// and analytics equal PostgreSQL computed directly.
    @Suite struct DocumentReadTests {
        private func stores() async throws -> GatewayStores { try await GatewayTestEnvironment.shared.stores }

        @Test func medicalRecordsMatchMongoDB() async throws {
            let mongo = try await stores().mongo
            let records = try await mongo.collection("medical_records").find(
                .all, options: FindOptions(sort: .ascending("patientId"), limit: 10))
            try #require(records.count == 10)
            for record in records {
                let patientId = record["patientId"]!.stringValue!
                let data = try await GatewayTestEnvironment.data(
                    """
                    query($id: ID!) { medicalRecord(patientId: $id) { id bloodType patient { id }
                      consultations { consultationId diagnosis symptoms notes date doctor { id }
                        prescriptions { drug dosage frequency } examResults { test result } consultation { status } }
                      allergies { substance reaction severity } chronicDiseases { name }
                      vaccinations { vaccine dose } vitalSigns { heartRate bloodPressure { systolic diastolic } temperature } } }
                    """, variables: ["id": .string(patientId)])
                let got = data["medicalRecord"] as! [String: Any]
                #expect(got["id"] as? String == Data("MedicalRecord:\(patientId)".utf8).base64EncodedString())
                #expect(got["bloodType"] as? String == record["bloodType"]?.stringValue)
                #expect((got["patient"] as! [String: Any])["id"] as? String == GlobalIDs.encode("User", UUID(uuidString: patientId)!))
                let entries = got["consultations"] as! [[String: Any]]
                let stored = record["consultations"]!.arrayValue!.map { $0.documentValue! }
                #expect(entries.count == stored.count)
                for (entry, document) in zip(entries, stored) {
                    #expect(entry["consultationId"] as? String == document["consultationId"]?.stringValue)
                    #expect(entry["diagnosis"] as? String == document["diagnosis"]?.stringValue)
                    #expect(entry["symptoms"] as? [String] == document["symptoms"]?.arrayValue?.compactMap(\.stringValue))
                    #expect(entry["notes"] as? String == document["notes"]?.stringValue)
                    #expect((entry["consultation"] as? [String: Any])?["status"] as? String == "COMPLETED")
                    let drugs = (entry["prescriptions"] as! [[String: Any]]).map { $0["drug"] as! String }
                    #expect(drugs == document["prescriptions"]!.arrayValue!.map { $0.documentValue!["drug"]!.stringValue! })
                }
                let allergies = (got["allergies"] as! [[String: Any]]).map { $0["substance"] as! String }
                #expect(allergies == record["allergies"]!.arrayValue!.map { $0.documentValue!["substance"]!.stringValue! })
                #expect((got["vitalSigns"] as! [Any]).count == record["vitalSigns"]!.arrayValue!.count)
            }
        }

        @Test func postsAndCommentsMatchMongoDB() async throws {
            let mongo = try await stores().mongo
            let data = try await GatewayTestEnvironment.data("""
                { posts(first: 15, status: PUBLISHED) { totalCount nodes { id title slug tags status author { id role }
                    engagement { comments }
                    comments(first: 100) { totalCount nodes { body author { id } } } } } }
                """)
            let posts = data["posts"] as! [String: Any]
            #expect(posts["totalCount"] as? Int == (try await mongo.collection("posts").count(.eq("status", "PUBLISHED"))))
            let stored = try await mongo.collection("posts").find(
                .eq("status", "PUBLISHED"), options: FindOptions(sort: .descending("createdAt").then(.descending("_id")), limit: 15))
            let nodes = posts["nodes"] as! [[String: Any]]
            #expect(nodes.map { $0["slug"] as! String } == stored.map { $0["slug"]!.stringValue! })
            for (node, post) in zip(nodes, stored) {
                let postId = post["_id"]!.stringValue!
                #expect(node["tags"] as? [String] == post["tags"]?.arrayValue?.compactMap(\.stringValue))
                #expect((node["author"] as! [String: Any])["id"] as? String
                    == GlobalIDs.encode("User", UUID(uuidString: post["authorId"]!.stringValue!)!))
                let comments = try await mongo.collection("comments").find(
                    .eq("postId", .string(postId)), options: FindOptions(sort: .ascending("createdAt").then(.ascending("_id"))))
                let connection = node["comments"] as! [String: Any]
                #expect(connection["totalCount"] as? Int == comments.count)
                #expect((connection["nodes"] as! [[String: Any]]).map { $0["body"] as! String }
                    == comments.map { $0["body"]!.stringValue! })
                #expect((node["engagement"] as! [String: Any])["comments"] as? Int == comments.count)
            }
        }

        @Test func doctorsMatchPostgreSQL() async throws {
            let postgres = try await stores().postgres
            let data = try await GatewayTestEnvironment.data("""
                { doctors(first: 100) { totalCount nodes { id specialty licenseNumber consultationFee available
                    user { email role } stats { completedConsultations totalRevenue patients } } } }
                """)
            let doctors = data["doctors"] as! [String: Any]
            let rows = try await postgres.query(
                """
                SELECT d.user_id, d.specialty, d.license_number, d.consultation_fee, u.email,
                       (SELECT count(*) FROM consultations c WHERE c.doctor_id = d.user_id AND c.status = 'COMPLETED') AS completed,
                       (SELECT coalesce(sum(amount_paid), 0)::bigint FROM consultations c
                         WHERE c.doctor_id = d.user_id AND c.status = 'COMPLETED') AS revenue
                FROM doctors d JOIN users u ON u.id = d.user_id ORDER BY d.specialty, d.license_number LIMIT 100
                """)
            #expect(doctors["totalCount"] as? Int == (try await postgres.query("SELECT count(*) AS n FROM doctors")[0].decode(Int.self, "n")))
            let nodes = doctors["nodes"] as! [[String: Any]]
            #expect(nodes.count == rows.count)
            for (node, row) in zip(nodes, rows) {
                #expect(node["id"] as? String == GlobalIDs.encode("Doctor", try row.decode(UUID.self, "user_id")))
                #expect(node["licenseNumber"] as? String == (try row.decode(String.self, "license_number")))
                #expect(node["consultationFee"] as? Int == (try row.decode(Int.self, "consultation_fee")))
                #expect((node["user"] as! [String: Any])["email"] as? String == (try row.decode(String.self, "email")))
                #expect((node["user"] as! [String: Any])["role"] as? String == "DOCTOR")
                let stats = node["stats"] as! [String: Any]
                #expect(stats["completedConsultations"] as? Int == (try row.decode(Int.self, "completed")))
                #expect(stats["totalRevenue"] as? Int == (try row.decode(Int.self, "revenue")))
            }
        }

        @Test func analyticsEqualTheSQLComputedDirectly() async throws {
            let postgres = try await stores().postgres
            let data = try await GatewayTestEnvironment.data("""
                { analytics { topDoctors(limit: 5) { doctor { licenseNumber } completedConsultations averageRevenue totalRevenue }
                    totals { users patients doctors consultations completedConsultations revenue posts comments }
                    consultationVolume(from: "2025-01-01T00:00:00Z", to: "2025-04-01T00:00:00Z", interval: MONTH) {
                      periodStart consultations completed revenue } } }
                """)
            let analytics = data["analytics"] as! [String: Any]
            let top = try await postgres.query(
                """
                SELECT d.license_number, count(*) AS n, avg(c.amount_paid)::float8 AS average, sum(c.amount_paid)::bigint AS total
                FROM consultations c JOIN doctors d ON d.user_id = c.doctor_id WHERE c.status = 'COMPLETED'
                GROUP BY d.user_id, d.license_number ORDER BY n DESC, average DESC, d.user_id LIMIT 5
                """)
            let ranking = analytics["topDoctors"] as! [[String: Any]]
            #expect(ranking.count == 5)
            #expect(ranking.map { ($0["doctor"] as! [String: Any])["licenseNumber"] as! String }
                == (try top.map { try $0.decode(String.self, "license_number") }))
            #expect(ranking.map { $0["completedConsultations"] as! Int } == (try top.map { try $0.decode(Int.self, "n") }))
            #expect(ranking.map { $0["totalRevenue"] as! Int } == (try top.map { try $0.decode(Int.self, "total") }))
            let totals = analytics["totals"] as! [String: Any]
            let expected = try await postgres.query(
                """
                SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM doctors) AS doctors,
                       (SELECT count(*) FROM consultations WHERE status = 'COMPLETED') AS completed
                """)[0]
            #expect(totals["users"] as? Int == (try expected.decode(Int.self, "users")))
            #expect(totals["doctors"] as? Int == (try expected.decode(Int.self, "doctors")))
            #expect(totals["completedConsultations"] as? Int == (try expected.decode(Int.self, "completed")))
            let mongo = try await stores().mongo
            #expect(totals["comments"] as? Int == (try await mongo.collection("comments").count()))
            let volume = analytics["consultationVolume"] as! [[String: Any]]
            #expect(volume.map { $0["periodStart"] as! String }
                == ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z", "2025-03-01T00:00:00.000Z"])
            let counts = try await postgres.query(
                """
                SELECT date_trunc('month', scheduled_at AT TIME ZONE 'UTC') AS month, count(*) AS n FROM consultations
                WHERE scheduled_at >= '2025-01-01Z' AND scheduled_at < '2025-04-01Z' GROUP BY 1 ORDER BY 1
                """)
            #expect(volume.map { $0["consultations"] as! Int } == (try counts.map { try $0.decode(Int.self, "n") }))
            #expect(volume.reduce(0) { $0 + ($1["consultations"] as! Int) } > 0)
        }

        @Test func nodeFetchesEveryTypeByGlobalID() async throws {
            let postgres = try await stores().postgres
            let row = try await postgres.query(
                "SELECT id, patient_id, doctor_id FROM consultations WHERE status = 'COMPLETED' ORDER BY id LIMIT 1")[0]
            let consultation = GlobalIDs.encode("Consultation", try row.decode(UUID.self, "id"))
            let patient = GlobalIDs.encode("User", try row.decode(UUID.self, "patient_id"))
            let doctor = GlobalIDs.encode("Doctor", try row.decode(UUID.self, "doctor_id"))
            let data = try await GatewayTestEnvironment.data(
                """
                query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } node(id: "bm90IGFuIGlk") { id } }
                """, variables: ["ids": .list([.string(consultation), .string(patient), .string(doctor), .string("nonsense")])])
            let nodes = data["nodes"] as! [Any]
            #expect((nodes[0] as! [String: Any])["__typename"] as? String == "Consultation")
            #expect((nodes[0] as! [String: Any])["id"] as? String == consultation)
            #expect((nodes[1] as! [String: Any])["__typename"] as? String == "User")
            #expect((nodes[2] as! [String: Any])["__typename"] as? String == "Doctor")
            #expect(nodes[3] is NSNull)
            #expect(data["node"] is NSNull)
        }

        @Test(arguments: [
            ("{ user(id: \"42\") { id } }", "Invalid id: is not a User ID.", "id"),
            ("{ users(first: 101) { totalCount } }", "Invalid first: must be between 0 and 100, not 101.", "first"),
            ("{ users(after: \"nope\") { totalCount } }", "Invalid after: is not a cursor from this list.", "after"),
            ("{ post { id } }", "Invalid post: give exactly one of id and slug.", "post"),
            ("{ analytics { consultationVolume(from: \"yesterday\", to: \"2025-01-01T00:00:00Z\") { revenue } } }",
             "Invalid from: is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z.", "from"),
        ])
        func badArgumentsFailWithTheirField(query: String, message: String, field: String) async throws {
            let response = try await GatewayTestEnvironment.shared.execute(query, viewer: GatewayTestEnvironment.admin)
            #expect(response.result.errors.map(\.message) == [message])
            #expect(response.result.errors.first?.extensions == ["code": "BAD_USER_INPUT", "field": field])
        }
    }
}
