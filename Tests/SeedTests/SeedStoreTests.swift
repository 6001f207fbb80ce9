import Foundation
import MongoClient
import PostgresClient
import Seed
import Testing

/// `chorus seed --size small --reset` against the servers of DATABASE_URL and MONGODB_URL
/// (scripts/test points them at the chorus_test databases), checked by reading the stores.
@Suite(.serialized) struct SeedStoreTests {
    @Test func smallSeedLoadsConsistentStores() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let databaseURL = environment["DATABASE_URL"], !databaseURL.isEmpty,
              let mongoURL = environment["MONGODB_URL"], !mongoURL.isEmpty
        else {
            Issue.record("DATABASE_URL and MONGODB_URL must be set: run scripts/test, which starts the stores and points them at chorus_test")
            return
        }
        let postgres = PostgresClient(configuration: PostgresConfiguration(url: databaseURL))
        let pool = try MongoPool(configuration: MongoConfiguration(url: mongoURL, operationTimeout: .seconds(60)))
        let mongo = pool.database()

        let seeder = Seeder(postgres: postgres, mongo: mongo)
        let report = try await seeder.run(size: .small, seed: 7, reset: true)
        let counts = SeedSize.small.counts

        // A second run without --reset refuses, naming what is in the way.
        await #expect(throws: SeedError.notEmpty(["users", "doctors", "consultations", "payments",
                                                  "medical_records", "posts", "comments"])) {
            try await seeder.run(size: .small, seed: 7)
        }

        // Counts in the stores are the counts reported, and the sizes advertised.
        for (table, count) in report.tables {
            let rows = try await postgres.query("SELECT count(*) FROM \(table)")
            #expect(try rows[0].decode(Int.self, at: 0) == count, "\(table)")
        }
        for (name, count) in report.collections {
            #expect(try await mongo.collection(name).count() == count, "\(name)")
        }
        #expect(report.tables.first { $0.name == "users" }?.count == counts.users)
        #expect(report.tables.first { $0.name == "consultations" }?.count == counts.consultations)
        #expect(try await mongo.collection("medical_records").count() == counts.patients)

        // Every COMPLETED consultation has exactly one entry, in its patient's record; no
        // other consultation has one.
        let completed = try await postgres.query(
            "SELECT id, patient_id FROM consultations WHERE status = 'COMPLETED'")
        var patientOfCompleted: [String: String] = [:]
        for row in completed {
            patientOfCompleted[try row.decode(UUID.self, "id").uuidString.lowercased()] =
                try row.decode(UUID.self, "patient_id").uuidString.lowercased()
        }
        #expect(!patientOfCompleted.isEmpty)
        var entryCount: [String: Int] = [:]
        var misplaced: [String] = []
        let records = try await mongo.collection("medical_records").find(
            options: FindOptions(projection: .include(["patientId", "consultations.consultationId"])))
        for record in records {
            let patientId = record["patientId"]?.stringValue
            for entry in record["consultations"]?.arrayValue ?? [] {
                let id = entry.documentValue?["consultationId"]?.stringValue ?? "?"
                entryCount[id, default: 0] += 1
                if patientOfCompleted[id] != patientId { misplaced.append(id) }
            }
        }
        #expect(Set(entryCount.keys) == Set(patientOfCompleted.keys))
        #expect(entryCount.values.allSatisfy { $0 == 1 })
        #expect(misplaced.isEmpty)

        // Emails and slugs are unique.
        let emails = try await postgres.query("SELECT count(*) = count(DISTINCT email) FROM users")
        #expect(try emails[0].decode(Bool.self, at: 0))
        let slugs = try await mongo.collection("posts").find(options: FindOptions(projection: .include(["slug"])))
            .compactMap { $0["slug"]?.stringValue }
        #expect(slugs.count == counts.posts)
        #expect(Set(slugs).count == slugs.count)

        await postgres.shutdown()
        await pool.shutdown()
    }
}
