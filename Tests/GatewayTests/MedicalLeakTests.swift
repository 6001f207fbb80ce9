import Foundation
import Gateway
import GraphQLSchema
import Testing

extension SeededDataTests {
    /// No query shape leaks a medical field to a stranger: queries are generated over the schema,
    /// one per path from a root field to a medical type (up to four object levels, through
    /// lists, connections, `node`/`nodes` fragments and aliases), and run as a caller without a
    /// token and as a doctor who treats nobody. Run as an admin, the same queries do reach
    /// medical data, so the paths are real.
    @Suite struct MedicalLeakTests {
        /// The types that hold medical data, and what each query selects of them.
        static let medical: [String: String] = [
            "MedicalRecord": "bloodType allergies { substance } consultations { diagnosis notes }",
            "MedicalRecordEntry": "diagnosis notes symptoms",
        ]
        static let medicalKeys = [#""bloodType":""#, #""substance":""#, #""diagnosis":""#, #""notes":""#, #""symptoms":["#]

        /// Every path to a medical type below `type`, as selection text, `depth` object levels deep.
        static func paths(from type: GraphQLNamedType, schema: Schema, depth: Int) -> [String] {
            if let selection = medical[type.name] { return [selection] }
            guard depth > 0 else { return [] }
            let objects: [ObjectType]
            switch type {
            case .object(let object): objects = [object]
            case .interface, .union: objects = schema.possibleTypes(of: type)
            default: return []
            }
            var found: [String] = []
            for object in objects {
                for field in object.fields where !field.name.hasPrefix("__") {
                    // Fields with required arguments are reached from the roots below instead.
                    guard field.arguments.allSatisfy({ !$0.type.isNonNull || $0.defaultValue != nil }) else { continue }
                    let arguments = field.arguments.contains { $0.name == "first" } ? "(first: 3)" : ""
                    for inner in paths(from: field.type.namedType, schema: schema, depth: depth - 1) {
                        let selection = "\(field.name)\(arguments) { \(inner) }"
                        found.append(objects.count > 1 || type.name != object.name ? "... on \(object.name) { \(selection) }" : selection)
                    }
                }
            }
            return found
        }

        @Test func noQueryShapeLeaksAMedicalFieldToAStranger() async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let postgres = gateway.stores.postgres
            let row = try await postgres.query(
                "SELECT id, patient_id, doctor_id FROM consultations WHERE status = 'COMPLETED' ORDER BY id LIMIT 1")[0]
            let patient = try row.decode(UUID.self, "patient_id").uuidString.lowercased()
            let doctor = try row.decode(UUID.self, "doctor_id").uuidString.lowercased()
            let consultation = try row.decode(UUID.self, "id").uuidString.lowercased()
            func global(_ type: String, _ id: String) -> String { Data("\(type):\(id)".utf8).base64EncodedString() }
            let nodeIDs = [global("User", patient), global("Consultation", consultation), global("MedicalRecord", patient),
                           global("Doctor", doctor)].map { "\"\($0)\"" }.joined(separator: ", ")
            // The roots, with the arguments that name the patient, their doctor and consultation.
            let roots: [(field: String, type: String)] = [
                ("user(id: \"\(patient)\")", "User"), ("users(first: 3, role: PATIENT)", "UserConnection"),
                ("doctor(id: \"\(doctor)\")", "Doctor"), ("doctors(first: 3)", "DoctorConnection"),
                ("consultation(id: \"\(consultation)\")", "Consultation"),
                ("medicalRecord(patientId: \"\(patient)\")", "MedicalRecord"),
                ("node(id: \"\(global("MedicalRecord", patient))\")", "Node"), ("nodes(ids: [\(nodeIDs)])", "Node"),
                ("posts(first: 3)", "PostConnection"), ("analytics", "Analytics"),
            ]
            var queries: [String] = []
            for root in roots {
                let type = try #require(gateway.schema.type(named: root.type))
                for path in Self.paths(from: type, schema: gateway.schema, depth: 4) {
                    queries.append("{ leak: \(root.field) { \(path) } }")
                }
            }
            #expect(queries.count > 40)
            var reachedByAdmin: Set<String> = []
            for query in queries {
                let admin = await gateway.execute(query, viewer: GatewayTestEnvironment.admin).result
                #expect(admin.errors.allSatisfy { $0.extensions["code"] != nil }, "\(query): \(admin.errors)")
                if Self.medicalKeys.contains(where: admin.json().contains) {
                    reachedByAdmin.insert(String(query.dropFirst("{ leak: ".count).prefix { $0 != "(" && $0 != " " }))
                }
                for stranger in [Viewer.anonymous, Viewer.user(id: UUID(), role: .doctor)] {
                    let result = await gateway.execute(query, viewer: stranger).result
                    let json = result.json()
                    #expect(!Self.medicalKeys.contains(where: json.contains), "\(stranger) read medical data with \(query)")
                }
            }
            // An admin reaches medical data from these roots at least (other paths may end at
            // empty lists or scheduled consultations): the strangers' empty answers are not vacuous.
            #expect(reachedByAdmin.isSuperset(of: ["user", "doctor", "consultation", "medicalRecord", "node", "nodes"]),
                    "admin reached medical data from \(reachedByAdmin.sorted())")
        }
    }
}
