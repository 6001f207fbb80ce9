import Foundation
import PostgresClient
import PostgresMigrations
import Testing

/// Each test migrates a schema of its own (through `search_path`), so tests never touch the
/// data of `DATABASE_URL`'s database.
struct ScratchSchema {
    let name = "migration_test_" + UUID().uuidString.prefix(8).lowercased()
    let admin: PostgresClient
    let client: PostgresClient

    init() async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            Issue.record("DATABASE_URL is not set: run scripts/test, or scripts/stack start and then `set -a; source .chorus/stack.env; set +a`")
            throw MissingServer()
        }
        admin = PostgresClient(configuration: PostgresConfiguration(url: url))
        try await admin.execute(unsafeSQL: "CREATE SCHEMA \(name)")
        let separator = url.contains("?") ? "&" : "?"
        client = PostgresClient(configuration: PostgresConfiguration(url: url + separator + "options=-csearch_path%3D\(name)"))
    }

    func drop() async throws {
        await client.shutdown()
        try await admin.execute(unsafeSQL: "DROP SCHEMA \(name) CASCADE")
        await admin.shutdown()
    }
}

struct MissingServer: Error {}

@Suite struct MigrationTests {
    @Test func migratesOnceAndRecordsTheVersions() async throws {
        let schema = try await ScratchSchema()
        let migrator = PostgresMigrator(client: schema.client)
        #expect(try await migrator.migrate() == [1])
        #expect(try await migrator.migrate() == [])
        #expect(try await migrator.appliedVersions() == [1])
        let tables = try await schema.client.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [.text(schema.name)])
        #expect(try tables.map { try $0.decode(String.self, "table_name") }
            == ["consultations", "doctors", "outbox", "payments", "schema_migrations", "users"])
        try await schema.drop()
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        let schema = try await ScratchSchema()
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresMigrator(client: schema.client).migrate() } }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied == [1])
        try await schema.drop()
    }

    @Test func failedMigrationLeavesNoTrace() async throws {
        let schema = try await ScratchSchema()
        let migrator = PostgresMigrator(client: schema.client, migrations: [
            Migration(version: 1, name: "fine", sql: "CREATE TABLE kept (n int)"),
            Migration(version: 2, name: "broken", sql: "CREATE TABLE half (n int); SELECT no_such_function()"),
        ])
        await #expect { try await migrator.migrate() } throws: { ($0 as? PostgresError)?.sqlState == SQLState(rawValue: "42883") }
        #expect(try await migrator.appliedVersions() == [1])
        let half = try await schema.client.query("SELECT to_regclass('half') IS NULL")
        #expect(half[0][0] == .bool(true))
        try await schema.drop()
    }

    @Test func editedMigrationIsRefused() async throws {
        let schema = try await ScratchSchema()
        try await PostgresMigrator(client: schema.client, migrations: [Migration(version: 1, name: "t", sql: "CREATE TABLE t (n int)")]).migrate()
        let edited = PostgresMigrator(client: schema.client, migrations: [Migration(version: 1, name: "t", sql: "CREATE TABLE t (n bigint)")])
        await #expect(throws: MigrationError.changedAfterApplying(version: 1, name: "t")) { try await edited.migrate() }
        try await schema.drop()
    }

    @Test func schemaEnforcesTheRules() async throws {
        let schema = try await ScratchSchema()
        let db = schema.client
        try await PostgresMigrator(client: db).migrate()
        let patient = try await db.query("INSERT INTO users (email, role) VALUES ($1, 'PATIENT') RETURNING id, created_at, updated_at", ["ana@example.org"])[0]
        let patientID = try patient.decode(UUID.self, "id")
        let doctorID = try await db.query("INSERT INTO users (email, role) VALUES ($1, 'DOCTOR') RETURNING id", ["dr@example.org"])[0].decode(UUID.self, "id")
        try await db.execute(
            "INSERT INTO doctors (user_id, specialty, license_number, consultation_fee) VALUES ($1, 'cardiology', 'LIC-1', 5000)", [.uuid(doctorID)])

        let violations: [(String, [PostgresValue], SQLState, String)] = [
            ("INSERT INTO users (email, role) VALUES ($1, 'PATIENT')", ["ana@example.org"], .uniqueViolation, "users_email_key"),
            ("INSERT INTO users (email, role) VALUES ($1, 'NURSE')", ["n@example.org"], .checkViolation, "users_role_check"),
            ("INSERT INTO doctors (user_id, specialty, license_number, consultation_fee) VALUES ($1, 'x', 'LIC-2', -1)",
             [.uuid(patientID)], .checkViolation, "doctors_consultation_fee_check"),
            ("INSERT INTO doctors (user_id, specialty, license_number, consultation_fee) VALUES ($1, 'x', 'LIC-1', 1)",
             [.uuid(patientID)], .uniqueViolation, "doctors_license_number_key"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at) VALUES ($1, $2, now())",
             [.uuid(patientID), .uuid(UUID())], .foreignKeyViolation, "consultations_doctor_id_fkey"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at) VALUES ($1, $2, now())",
             [.uuid(doctorID), .uuid(doctorID)], .checkViolation, "consultations_patient_is_not_doctor_check"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at, status) VALUES ($1, $2, now(), 'COMPLETED')",
             [.uuid(patientID), .uuid(doctorID)], .checkViolation, "consultations_completed_at_check"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at, completed_at) VALUES ($1, $2, now(), now())",
             [.uuid(patientID), .uuid(doctorID)], .checkViolation, "consultations_completed_at_check"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at, amount_paid) VALUES ($1, $2, now(), -5)",
             [.uuid(patientID), .uuid(doctorID)], .checkViolation, "consultations_amount_paid_check"),
            ("INSERT INTO consultations (patient_id, doctor_id, scheduled_at, status) VALUES ($1, $2, now(), 'LOST')",
             [.uuid(patientID), .uuid(doctorID)], .checkViolation, "consultations_status_check"),
        ]
        for (sql, parameters, state, constraint) in violations {
            await #expect {
                try await db.execute(sql, parameters)
            } throws: { error in
                let error = error as? PostgresError
                return error?.sqlState == state && error?.constraint == constraint
            }
        }

        // Completing a consultation and enqueuing its event commit together; a second event of
        // the same kind for the same consultation is refused.
        let consultationID = try await db.query(
            "INSERT INTO consultations (patient_id, doctor_id, scheduled_at) VALUES ($1, $2, now()) RETURNING id",
            [.uuid(patientID), .uuid(doctorID)])[0].decode(UUID.self, "id")
        try await db.withTransaction { transaction in
            let completed = try await transaction.execute(
                "UPDATE consultations SET status = 'COMPLETED', completed_at = now(), amount_paid = $2 WHERE id = $1 AND status = 'SCHEDULED'",
                [.uuid(consultationID), .int32(5000)])
            #expect(completed == 1)
            try await transaction.execute(
                "INSERT INTO outbox (aggregate, aggregate_id, kind, payload) VALUES ('consultation', $1, 'ConsultationCompleted', $2)",
                [.uuid(consultationID), .jsonb(PostgresJSON(text: "{\"diagnosis\": \"ok\"}"))])
        }
        await #expect {
            try await db.execute(
                "INSERT INTO outbox (aggregate, aggregate_id, kind, payload) VALUES ('consultation', $1, 'ConsultationCompleted', '{}')",
                [.uuid(consultationID)])
        } throws: { ($0 as? PostgresError)?.constraint == "outbox_event_key" }

        // updated_at follows every update; created_at stays.
        let updated = try await db.query(
            "UPDATE users SET phone = $2 WHERE id = $1 RETURNING created_at, updated_at", [.uuid(patientID), "+33 1 23 45 67 89"])[0]
        #expect(try updated.decode(Date.self, "created_at") == patient.decode(Date.self, "created_at"))
        #expect(try updated.decode(Date.self, "updated_at") > patient.decode(Date.self, "updated_at"))
        try await schema.drop()
    }
}
