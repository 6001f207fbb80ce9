import Foundation
import MongoClient
import PostgresClient
import StoreTestSupport
import Testing

/// Completing a consultation writes PostgreSQL, then MongoDB (ARCHITECTURE.md §6, "Writes"). With MongoDB
/// stopped during completion and the gateway killed (SIGKILL) between the two writes, a
/// gateway started afterwards finishes the work: every completed consultation ends with
/// exactly one record entry.
@Suite(.serialized) struct CompletionCrashTests {
    @Test func everyCompletedConsultationGetsExactlyOneEntryAfterACrash() async throws {
        // A database of this test's own, so no other gateway's outbox worker takes its events.
        let base = try ChorusServer.storeEnvironment(database: "chorus_test", redisDatabase: 5)
        let admin = PostgresClient(configuration: try .fromEnvironment(base))
        let database = "chorus_crash_\(UInt32.random(in: 0...UInt32.max))"
        try await admin.execute(unsafeSQL: "CREATE DATABASE \(database)")
        let standIn = try await offCooperativePool { try MongoStandIn(ports: 10_000...14_999) }
        let environment = try ChorusServer.storeEnvironment(
            database: database, redisDatabase: 5, mongoURL: standIn.url(database: "chorus_crash"))
        let postgres = PostgresClient(configuration: try .fromEnvironment(environment))
        do {
            #expect(try await ChorusServer.run(["seed", "--size", "small", "--seed", "5"], environment: environment) == 0)
            let scheduled = try await postgres.query(
                "SELECT id FROM consultations WHERE status = 'SCHEDULED' ORDER BY id LIMIT 4"
            ).map { try $0.decode(UUID.self, "id") }
            try #require(scheduled.count == 4)

            // MongoDB goes away; the gateway commits each completion and cannot write the entry.
            try await offCooperativePool { standIn.stop() }
            let first = try await ChorusServer.start(environment: environment, waitForHealthy: false)
            for id in scheduled.prefix(3) {
                let response = try await first.graphQL(
                    """
                    mutation($id: ID!) { completeConsultation(input: {consultationId: $id, diagnosis: "Migraine",
                      symptoms: ["headache"], notes: "rest"}) { recordStatus consultation { status } } }
                    """, variables: ["id": id.uuidString])
                let payload = (response.body["data"] as? [String: Any])?["completeConsultation"] as? [String: Any]
                #expect(payload?["recordStatus"] as? String == "PENDING")
                #expect((payload?["consultation"] as? [String: Any])?["status"] as? String == "COMPLETED")
            }
            // Killed between the two writes: PostgreSQL has committed, MongoDB has nothing.
            #expect(try await first.stop(signal: SIGKILL) == 128 + SIGKILL)
            let pending = try await postgres.query("SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL")
            #expect(try pending[0].decode(Int.self, "n") == 3)

            // MongoDB is back (empty: the stand-in keeps data in memory); a new gateway's worker
            // applies the pending events at startup.
            try await offCooperativePool { try standIn.start() }
            let second = try await ChorusServer.start(environment: environment)
            let mongo = try MongoPool(configuration: MongoConfiguration(url: environment["MONGODB_URL"]!))
            let records = mongo.database().collection("medical_records")
            var entries: [String: Int] = [:]
            for _ in 0..<200 {
                entries = [:]
                for record in try await records.find(.all) {
                    for entry in record["consultations"]?.arrayValue ?? [] {
                        if let id = entry.documentValue?["consultationId"]?.stringValue { entries[id, default: 0] += 1 }
                    }
                }
                if scheduled.prefix(3).allSatisfy({ entries[$0.uuidString.lowercased()] != nil }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(scheduled.prefix(3).map { entries[$0.uuidString.lowercased()] } == [1, 1, 1])

            // With MongoDB up, a completion is applied at once; completing again is refused.
            let applied = try await second.graphQL(
                """
                mutation($id: ID!) { completeConsultation(input: {consultationId: $id, diagnosis: "Asthma"}) {
                  recordStatus recordEntry { diagnosis } } }
                """, variables: ["id": scheduled[3].uuidString])
            let payload = (applied.body["data"] as? [String: Any])?["completeConsultation"] as? [String: Any]
            #expect(payload?["recordStatus"] as? String == "APPLIED")
            #expect((payload?["recordEntry"] as? [String: Any])?["diagnosis"] as? String == "Asthma")
            let again = try await second.graphQL(
                "mutation($id: ID!) { completeConsultation(input: {consultationId: $id, diagnosis: \"x\"}) { recordStatus } }",
                variables: ["id": scheduled[0].uuidString])
            #expect((again.body["errors"] as? [[String: Any]])?.first?["extensions"] as? [String: String] == [
                "code": "CONFLICT", "field": "input.consultationId",
            ])
            #expect(try await second.stop() == 0)

            var final: [String: Int] = [:]
            for record in try await records.find(.all) {
                for entry in record["consultations"]?.arrayValue ?? [] {
                    if let id = entry.documentValue?["consultationId"]?.stringValue { final[id, default: 0] += 1 }
                }
            }
            #expect(scheduled.map { final[$0.uuidString.lowercased()] } == [1, 1, 1, 1])
            let unprocessed = try await postgres.query("SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL")
            #expect(try unprocessed[0].decode(Int.self, "n") == 0)
            await mongo.shutdown()
        } catch {
            try? await offCooperativePool { standIn.stop() }
            await postgres.shutdown()
            try? await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            await admin.shutdown()
            throw error
        }
        try await offCooperativePool { standIn.stop() }
        await postgres.shutdown()
        try await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        await admin.shutdown()
    }
}
