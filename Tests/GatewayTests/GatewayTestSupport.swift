import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import MongoClient
import MongoSchema
import PostgresClient
import PostgresMigrations
import Prometheus
import RedisClient
import Testing

@testable import Gateway

/// Stores, gateways and rows for the mutation and outbox tests, against the servers of
/// `DATABASE_URL`, `MONGODB_URL` and `REDIS_URL` (scripts/test points them at chorus_test and
/// Redis database 1). Tests share those servers with other suites: every row and document a
/// test reads is one it created (fresh users with random emails), nothing is ever truncated.
enum MutationFixtures {
    struct MissingServers: Error {}

    static func url(_ name: String) throws -> String {
        guard let url = ProcessInfo.processInfo.environment[name], !url.isEmpty else {
            Issue.record("\(name) is not set: run scripts/test, which starts the stores and sets it")
            throw MissingServers()
        }
        return url
    }

    /// New clients for the environment's stores, or for other URLs.
    static func stores(
        postgresURL: String? = nil, mongoURL: String? = nil, serverSelectionTimeout: Duration = .seconds(5)
    ) throws -> GatewayStores {
        GatewayStores(
            postgres: PostgresClient(configuration: PostgresConfiguration(url: try postgresURL ?? url("DATABASE_URL"))),
            mongo: try MongoPool(
                configuration: MongoConfiguration(
                    url: try mongoURL ?? url("MONGODB_URL"), poolSize: 4, serverSelectionTimeout: serverSelectionTimeout)),
            redis: RedisClient(configuration: try RedisConfiguration(url: try url("REDIS_URL"))))
    }

    static func gateway(_ stores: GatewayStores, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry())
        throws -> Gateway
    {
        try Gateway(stores: stores, registry: registry)
    }

    /// One gateway for every test of the process, over migrated stores.
    static func shared() async throws -> Gateway {
        try await Shared.instance.gateway()
    }

    private actor Shared {
        static let instance = Shared()
        private var made: Gateway?

        func gateway() async throws -> Gateway {
            if let made { return made }
            let stores = try MutationFixtures.stores()
            try await migrate(stores)
            let gateway = try MutationFixtures.gateway(stores)
            made = gateway
            return gateway
        }
    }

    /// Creates what is missing of the schema; safe with other processes doing the same.
    static func migrate(_ stores: GatewayStores) async throws {
        try await PostgresMigrator(client: stores.postgres).migrate()
        try await MongoMigrations.run(on: stores.mongo)
    }

    // MARK: - GraphQL

    /// Runs an operation; `variables` is JSON text.
    static func execute(_ gateway: Gateway, _ query: String, _ variables: String = "{}") async throws -> ExecutionResult {
        guard case .object(let entries) = try JSON.parse(variables) else { throw MissingServers() }
        let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) })
        return await gateway.execute(query, variables: values, viewer: GatewayTestEnvironment.admin).result
    }

    /// What a client reads of an error.
    struct ClientError: Equatable, CustomStringConvertible {
        var message: String
        var code: String?
        var field: String?

        init(_ message: String, _ code: String?, _ field: String?) {
            self.message = message
            self.code = code
            self.field = field
        }

        var description: String { "\(message) [\(code ?? "-")] (\(field ?? "-"))" }
    }

    /// The errors of a result, as clients read them.
    static func errors(_ result: ExecutionResult) -> [ClientError] {
        result.errors.map { ClientError($0.message, $0.extensions["code"], $0.extensions["field"]) }
    }

    // MARK: - Rows, written directly (not through the mutations under test)

    static func uniqueEmail(_ label: String = "user") -> String {
        "\(label)-\(UUID().uuidString.prefix(12).lowercased())@mutations.test"
    }

    static func user(_ gateway: Gateway, role: String = "PATIENT") async throws -> UUID {
        let rows = try await gateway.stores.postgres.query(
            "INSERT INTO users (email, role) VALUES ($1, $2) RETURNING id", [.text(uniqueEmail(role.lowercased())), .text(role)])
        return try rows[0].decode(UUID.self, "id")
    }

    static func doctor(_ gateway: Gateway, fee: Int = 4_500, available: Bool = true) async throws -> UUID {
        let id = try await user(gateway, role: "DOCTOR")
        try await gateway.stores.postgres.execute(
            "INSERT INTO doctors (user_id, specialty, license_number, consultation_fee, available) VALUES ($1, $2, $3, $4, $5)",
            [.uuid(id), .text("Cardiology"), .text("LIC-\(UUID().uuidString.prefix(13))"), .int64(Int64(fee)), .bool(available)])
        return id
    }

    static func consultation(
        _ gateway: Gateway, patient: UUID? = nil, doctor: UUID? = nil, status: String = "SCHEDULED"
    ) async throws -> (id: UUID, patient: UUID, doctor: UUID) {
        var patient = patient
        if patient == nil { patient = try await user(gateway) }
        var doctor = doctor
        if doctor == nil { doctor = try await self.doctor(gateway) }
        guard let patient, let doctor else { throw MissingServers() }
        let rows = try await gateway.stores.postgres.query(
            """
            INSERT INTO consultations (patient_id, doctor_id, scheduled_at, status, amount_paid, completed_at)
            VALUES ($1, $2, now() + interval '1 day', $3, 4500, CASE WHEN $3 = 'COMPLETED' THEN now() END) RETURNING id
            """, [.uuid(patient), .uuid(doctor), .text(status)])
        return (try rows[0].decode(UUID.self, "id"), patient, doctor)
    }

    /// A post written directly to MongoDB.
    static func post(_ gateway: Gateway, status: String = "PUBLISHED", likes: Int32 = 3) async throws -> String {
        let author = try await doctor(gateway)
        let id = UUID().uuidString.lowercased()
        try await gateway.stores.mongo.collection("posts").insertOne([
            "_id": .string(id), "title": "Fixture", "slug": .string("fixture-\(id)"), "content": "Text.",
            "excerpt": "Text.", "tags": [], "status": .string(status),
            "publishedAt": status == "PUBLISHED" ? .date(Date()) : .null, "authorId": .string(author.uuidString.lowercased()),
            "engagement": .document(["views": .int32(10), "likes": .int32(likes), "shares": .int32(0), "comments": .int32(2)]),
            "createdAt": .date(Date()), "updatedAt": .date(Date()),
        ])
        return id
    }

    // MARK: - Reading back

    /// The entries of a patient's record for one consultation.
    static func entries(_ mongo: MongoDatabase, patient: UUID, consultation: UUID) async throws -> [BSONDocument] {
        let record = try await mongo.collection("medical_records").findOne(
            .eq("patientId", .string(patient.uuidString.lowercased())))
        return (record?["consultations"]?.arrayValue ?? []).compactMap(\.documentValue).filter {
            $0["consultationId"]?.stringValue == consultation.uuidString.lowercased()
        }
    }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    static func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
