import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient
import MongoSchema
import PostgresClient
import PostgresMigrations
import Prometheus
import StoreTestSupport
import Testing

@testable import Gateway

/// Completing a consultation (ARCHITECTURE.md §6, "Writes"): the status change and the outbox row commit
/// together, the record entry reaches MongoDB exactly once, whatever fails in between.
@Suite(.serialized) struct OutboxSagaTests {
    static let complete = """
        mutation ($input: CompleteConsultationInput!) {
          completeConsultation(input: $input) {
            consultation { id status completedAt record { diagnosis } }
            recordStatus
            recordEntry { consultationId date diagnosis symptoms prescriptions { drug dosage frequency }
                          examResults { test result } notes doctor { id } }
          }
        }
        """

    static func input(_ consultation: UUID, diagnosis: String = "Seasonal influenza") -> String {
        """
        {"input": {"consultationId": "\(consultation.uuidString.lowercased())", "diagnosis": "\(diagnosis)",
          "symptoms": ["fever", "cough"],
          "prescriptions": [{"drug": "Paracetamol", "dosage": "1 g", "frequency": "3 times a day"}],
          "examResults": [{"test": "Temperature", "result": "38.9 °C"}], "notes": "Rest for a week."}}
        """
    }

    @Test("completion: APPLIED with the entry, one entry in MongoDB, the row processed; twice is a CONFLICT")
    func completesOnce() async throws {
        let gateway = try await MutationFixtures.shared()
        let (id, patient, doctor) = try await MutationFixtures.consultation(gateway)

        let result = try await MutationFixtures.execute(gateway, Self.complete, Self.input(id))
        #expect(result.errors.isEmpty, "\(result.errors)")
        let payload = result.data?[field: "completeConsultation"]
        #expect(payload?[field: "recordStatus"] == .string("APPLIED"))
        #expect(payload?[field: "consultation"]?[field: "status"] == .string("COMPLETED"))
        #expect(payload?[field: "consultation"]?[field: "record"]?[field: "diagnosis"] == .string("Seasonal influenza"))
        let entry = payload?[field: "recordEntry"]
        #expect(entry?[field: "consultationId"] == .string(id.uuidString.lowercased()))
        #expect(entry?[field: "diagnosis"] == .string("Seasonal influenza"))
        #expect(entry?[field: "symptoms"] == .list([.string("fever"), .string("cough")]))
        #expect(
            entry?[field: "prescriptions"]
                == .list([.object([
                    .init(name: "drug", value: .string("Paracetamol")), .init(name: "dosage", value: .string("1 g")),
                    .init(name: "frequency", value: .string("3 times a day")),
                ])]))
        #expect(entry?[field: "notes"] == .string("Rest for a week."))
        #expect(entry?[field: "doctor"]?[field: "id"] == .string(GlobalID.encode("Doctor", doctor)))

        // PostgreSQL and MongoDB agree, to the millisecond.
        let row = try await gateway.stores.postgres.query(
            "SELECT status, completed_at FROM consultations WHERE id = $1", [.uuid(id)])[0]
        #expect(try row.decode(String.self, "status") == "COMPLETED")
        let completedAt = try row.decode(Date.self, "completed_at")
        #expect(entry?[field: "date"] == .string(DateTime.format(completedAt)))
        #expect(payload?[field: "consultation"]?[field: "completedAt"] == .string(DateTime.format(completedAt)))
        let stored = try await MutationFixtures.entries(gateway.stores.mongo, patient: patient, consultation: id)
        #expect(stored.count == 1)
        #expect(stored.first?["date"] == .date(completedAt))
        #expect(stored.first?["doctorId"] == .string(doctor.uuidString.lowercased()))
        let outbox = try await MutationFixtures.outbox(gateway.stores.postgres, consultation: id)
        #expect(outbox.map(\.processed) == [true])
        #expect(outbox.map(\.attempts) == [0])

        let again = try await MutationFixtures.execute(gateway, Self.complete, Self.input(id, diagnosis: "Other"))
        #expect(again.data == .null)
        #expect(
            MutationFixtures.errors(again) == [
                .init(
                    "The consultation is COMPLETED; only a SCHEDULED consultation can be completed.", "CONFLICT",
                    "input.consultationId")
            ])
        #expect(try await MutationFixtures.entries(gateway.stores.mongo, patient: patient, consultation: id).count == 1)
        #expect(try await MutationFixtures.outbox(gateway.stores.postgres, consultation: id).count == 1)
    }

    @Test("MongoDB down: PENDING and a pending row; once it is back, the worker writes the entry once")
    func mongoDownThenWorker() async throws {
        let standIn = try MongoStandIn(ports: 15_000...19_999)
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(
                postgresURL: databaseURL, mongoURL: standIn.url(), serverSelectionTimeout: .seconds(1))
            try await MongoMigrations.run(on: stores.mongo)
            let registry = PrometheusCollectorRegistry()
            let gateway = try MutationFixtures.gateway(stores, registry: registry)
            let (id, patient, _) = try await MutationFixtures.consultation(gateway)

            try await offCooperativePool { standIn.stop() }
            let started = ContinuousClock.now
            let result = try await MutationFixtures.execute(
                gateway,
                "mutation ($input: CompleteConsultationInput!) { completeConsultation(input: $input) { consultation { status } recordStatus recordEntry { diagnosis } } }",
                Self.input(id))
            #expect(started.duration(to: .now) < .seconds(4))
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(
                result.data?[field: "completeConsultation"]
                    == .object([
                        .init(name: "consultation", value: .object([.init(name: "status", value: .string("COMPLETED"))])),
                        .init(name: "recordStatus", value: .string("PENDING")),
                        .init(name: "recordEntry", value: .null),
                    ]))
            let pending = try await MutationFixtures.outbox(stores.postgres, consultation: id)
            #expect(pending.count == 1)
            #expect(pending.first?.processed == false)
            #expect(pending.first?.attempts == 1)
            #expect(pending.first?.lastError?.hasPrefix("MongoDB") == true)
            // The inline attempt leaves the row due, for the worker to retry at once.
            let now = try await MutationFixtures.serverNow(stores.postgres)
            #expect(try #require(pending.first).availableAt <= now)

            // A worker pass while MongoDB is still down fails and backs off 2^1 seconds.
            let before = try await MutationFixtures.serverNow(stores.postgres)
            #expect(await gateway.processOutbox() == OutboxPass(applied: 0, failed: 1))
            let after = try await MutationFixtures.serverNow(stores.postgres)
            let backedOff = try #require(try await MutationFixtures.outbox(stores.postgres, consultation: id).first)
            #expect(backedOff.attempts == 2)
            #expect(backedOff.availableAt.timeIntervalSince(before) >= 2)
            #expect(backedOff.availableAt.timeIntervalSince(after) <= 2)

            // MongoDB comes back empty (the stand-in keeps nothing): the record is created.
            try await offCooperativePool { try standIn.start() }
            let worker = gateway.startOutboxWorker(pollInterval: .milliseconds(200))
            let processed = try await MutationFixtures.eventually {
                try await MutationFixtures.outbox(stores.postgres, consultation: id).first?.processed == true
            }
            worker.cancel()
            await worker.value
            #expect(processed)
            let entries = try await MutationFixtures.entries(stores.mongo, patient: patient, consultation: id)
            #expect(entries.count == 1)
            #expect(entries.first?["diagnosis"] == .string("Seasonal influenza"))
            #expect(MutationFixtures.counter("chorus_outbox_applied_total", in: registry) == 1)
            // The inline attempt, the pass while down, and any attempt on a stale connection after.
            #expect((MutationFixtures.counter("chorus_outbox_failures_total", in: registry) ?? 0) >= 2)
            await stores.shutdown()
        }
        standIn.stop()
    }

    @Test("a gateway killed between the commit and MongoDB: the next gateway's worker applies the event at startup, once")
    func crashAfterCommit() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            // The first gateway commits step 1 and "dies" before step 2.
            let first = try MutationFixtures.gateway(try MutationFixtures.stores(postgresURL: databaseURL))
            let (id, patient, _) = try await MutationFixtures.consultation(first)
            let committed = try await ConsultationCompletion.commit(
                CompletionInput(consultationId: id, diagnosis: "Migraine", symptoms: ["headache"]),
                StoreWrites(gateway: first, trace: nil))
            #expect(committed.consultation.status == "COMPLETED")
            await first.stores.shutdown()

            // A new gateway starts its worker, which finishes the job at once.
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let mongo = stores.mongo
            #expect(try await MutationFixtures.entries(mongo, patient: patient, consultation: id).isEmpty)
            let left = try await MutationFixtures.outbox(stores.postgres, consultation: id)
            #expect(left.map(\.processed) == [false])
            #expect(left.map(\.attempts) == [0])
            let second = try MutationFixtures.gateway(stores)
            let worker = second.startOutboxWorker(pollInterval: .seconds(60))
            let processed = try await MutationFixtures.eventually {
                try await MutationFixtures.outbox(stores.postgres, consultation: id).first?.processed == true
            }
            worker.cancel()
            await worker.value
            #expect(processed)
            let entries = try await MutationFixtures.entries(mongo, patient: patient, consultation: id)
            #expect(entries.count == 1)
            #expect(entries.first?["diagnosis"] == .string("Migraine"))
            #expect(entries.first?["symptoms"] == .array(["headache"]))
            #expect(entries.first?["date"] == committed.consultation.completedAt.map(BSONValue.date))

            // Applying the same event again, even twice at once, changes nothing.
            let rows = try await stores.postgres.query(
                "SELECT \(Outbox.Row.columns) FROM outbox WHERE id = $1", [.int64(committed.eventId)])
            let row = try Outbox.Row(rows[0])
            let processor = OutboxProcessor(gateway: second)
            _ = try await processor.apply(row, timeout: .seconds(5))
            async let one = processor.apply(row, timeout: .seconds(5))
            async let two = processor.apply(row, timeout: .seconds(5))
            _ = try await (one, two)
            #expect(try await MutationFixtures.entries(mongo, patient: patient, consultation: id).count == 1)

            // The inline step, finding its event already processed, answers the entry unwritten.
            let inline = await processor.applyNow(eventId: committed.eventId, timeout: .seconds(2))
            #expect(inline == entries.first)
            #expect(try await MutationFixtures.outbox(stores.postgres, consultation: id).map(\.attempts) == [0])
            #expect(try await MutationFixtures.entries(mongo, patient: patient, consultation: id).count == 1)
            await stores.shutdown()
        }
    }

    @Test("killed after writing MongoDB and before marking the row: the worker applies it again, still one entry")
    func crashAfterApply() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let gateway = try MutationFixtures.gateway(stores)
            let (id, patient, _) = try await MutationFixtures.consultation(gateway)
            let committed = try await ConsultationCompletion.commit(
                CompletionInput(consultationId: id, diagnosis: "Sprained ankle"), StoreWrites(gateway: gateway, trace: nil))
            _ = try await committed.event.apply(to: stores.mongo, timeout: .seconds(5))
            #expect(try await MutationFixtures.outbox(stores.postgres, consultation: id).first?.processed == false)

            #expect(await gateway.processOutbox() == OutboxPass(applied: 1, failed: 0))
            #expect(try await MutationFixtures.outbox(stores.postgres, consultation: id).first?.processed == true)
            #expect(try await MutationFixtures.entries(stores.mongo, patient: patient, consultation: id).count == 1)
            // Nothing is due any more.
            #expect(await gateway.processOutbox() == OutboxPass())
            await stores.shutdown()
        }
    }

    @Test("two workers share the queue: each event is applied by one of them, once")
    func concurrentWorkers() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let first = try MutationFixtures.gateway(stores)
            let second = try MutationFixtures.gateway(try MutationFixtures.stores(postgresURL: databaseURL))
            var consultations: [(id: UUID, patient: UUID, doctor: UUID)] = []
            for index in 0..<30 {
                let consultation = try await MutationFixtures.consultation(first)
                consultations.append(consultation)
                _ = try await ConsultationCompletion.commit(
                    CompletionInput(consultationId: consultation.id, diagnosis: "Check-up \(index)"),
                    StoreWrites(gateway: first, trace: nil))
            }
            async let one = first.processOutbox()
            async let two = second.processOutbox()
            let passes = await [one, two]
            #expect(passes.map(\.applied).reduce(0, +) == 30)
            #expect(passes.map(\.failed) == [0, 0])
            for consultation in consultations {
                #expect(
                    try await MutationFixtures.entries(stores.mongo, patient: consultation.patient, consultation: consultation.id)
                        .count == 1)
                #expect(try await MutationFixtures.outbox(stores.postgres, consultation: consultation.id).map(\.processed) == [true])
            }
            await stores.shutdown()
            await second.stores.shutdown()
        }
    }

    /// A batch stops starting events at its time limit (here at once, after its first); the
    /// pass goes on with new batches until nothing is due, even when a batch held fewer than
    /// its size.
    @Test("a batch that stops for time leaves the rest to the same pass")
    func batchStoppedForTime() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let gateway = try MutationFixtures.gateway(stores)
            var consultations: [UUID] = []
            for index in 0..<3 {
                let consultation = try await MutationFixtures.consultation(gateway)
                consultations.append(consultation.id)
                _ = try await ConsultationCompletion.commit(
                    CompletionInput(consultationId: consultation.id, diagnosis: "Follow-up \(index)"),
                    StoreWrites(gateway: gateway, trace: nil))
            }
            #expect(await OutboxWorker(gateway: gateway, timeLimit: .zero).pass() == OutboxPass(applied: 3, failed: 0))
            for consultation in consultations {
                #expect(try await MutationFixtures.outbox(stores.postgres, consultation: consultation).map(\.processed) == [true])
            }
            await stores.shutdown()
        }
    }

    @Test("an event that cannot be decoded fails with a short reason and backs off")
    func poisonEvent() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let gateway = try MutationFixtures.gateway(stores)
            let (id, _, _) = try await MutationFixtures.consultation(gateway)
            try await stores.postgres.execute(
                "INSERT INTO outbox (aggregate, aggregate_id, kind, payload) VALUES ('consultation', $1, $2, $3)",
                [.uuid(id), .text(RecordEntryEvent.kind), .jsonb(PostgresJSON(text: #"{"patientId": 7}"#))])
            let before = try await MutationFixtures.serverNow(stores.postgres)
            #expect(await gateway.processOutbox() == OutboxPass(applied: 0, failed: 1))
            let after = try await MutationFixtures.serverNow(stores.postgres)
            let row = try #require(try await MutationFixtures.outbox(stores.postgres, consultation: id).first)
            #expect(row.lastError == "the payload is not a valid medical-record-entry event")
            #expect(row.attempts == 1)
            #expect(row.availableAt.timeIntervalSince(before) >= 1)
            #expect(row.availableAt.timeIntervalSince(after) <= 1)
            await stores.shutdown()
        }
    }

    @Test("applied events lose their payload (a diagnosis) after the retention; pending and recent ones keep it")
    func erasesOldPayloads() async throws {
        try await MutationFixtures.withPrivateDatabase { databaseURL in
            let stores = try MutationFixtures.stores(postgresURL: databaseURL)
            let gateway = try MutationFixtures.gateway(stores)
            let payload = #"{"diagnosis": "Asthma"}"#
            var ids: [String: UUID] = [:]
            for (name, processed) in [("old", "now() - interval '2 hours'"), ("recent", "now()"), ("pending", "NULL")] {
                let (id, _, _) = try await MutationFixtures.consultation(gateway)
                ids[name] = id
                try await stores.postgres.execute(
                    "INSERT INTO outbox (aggregate, aggregate_id, kind, payload, processed_at) VALUES ('consultation', $1, $2, $3, \(processed))",
                    [.uuid(id), .text(RecordEntryEvent.kind), .jsonb(PostgresJSON(text: payload))])
            }
            #expect(try await gateway.eraseOutboxPayloads() == 1)
            #expect(try await gateway.eraseOutboxPayloads() == 0)
            for (name, expected) in [("old", "{}"), ("recent", payload), ("pending", payload)] {
                let row = try await stores.postgres.query(
                    "SELECT payload::text AS payload FROM outbox WHERE aggregate_id = $1", [.uuid(ids[name]!)])
                let stored = try row[0].decode(String.self, "payload")
                #expect(
                    try PostgresJSON(text: stored).decode(JSONValueProbe.self) == PostgresJSON(text: expected).decode(JSONValueProbe.self),
                    "\(name)")
            }
            await stores.shutdown()
        }
    }
}

/// Whether a JSON payload still holds its diagnosis.
private struct JSONValueProbe: Decodable, Equatable {
    var diagnosis: String?
}

/// Helpers only the saga tests need: outbox rows, metrics, and servers of their own.
extension MutationFixtures {
    struct OutboxRow: Equatable {
        var id: Int64
        var processed: Bool
        var attempts: Int
        var lastError: String?
        var availableAt: Date
    }

    /// PostgreSQL's clock now: bracketing an attempt with two readings pins the backoff it set
    /// (`available_at` minus the wait lies between them), however slowly the test runs.
    static func serverNow(_ postgres: PostgresClient) async throws -> Date {
        try await postgres.query("SELECT clock_timestamp() AS now")[0].decode(Date.self, "now")
    }

    /// The outbox rows of one consultation.
    static func outbox(_ postgres: PostgresClient, consultation: UUID) async throws -> [OutboxRow] {
        try await postgres.query(
            """
            SELECT id, processed_at IS NOT NULL AS processed, attempts, last_error, available_at
            FROM outbox WHERE aggregate = 'consultation' AND aggregate_id = $1 ORDER BY id
            """, [.uuid(consultation)]
        ).map {
            OutboxRow(
                id: try $0.decode(Int64.self, "id"), processed: try $0.decode(Bool.self, "processed"),
                attempts: try $0.decode(Int.self, "attempts"), lastError: try $0.decode(String?.self, "last_error"),
                availableAt: try $0.decode(Date.self, "available_at"))
        }
    }

    /// The value of a counter in a registry's Prometheus text; nil when it is not there.
    static func counter(_ name: String, in registry: PrometheusCollectorRegistry) -> Int? {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") where line.hasPrefix(name + " ") {
            return Int(line.dropFirst(name.count + 1))
        }
        return nil
    }

    // MARK: - Servers of a test's own

    /// A PostgreSQL database of the test's own on the environment's server, migrated, dropped
    /// afterwards: no other process's outbox worker can take its events.
    static func withPrivateDatabase(_ body: (String) async throws -> Void) async throws {
        let base = try url("DATABASE_URL")
        let name = "chorus_gateway_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = PostgresClient(configuration: PostgresConfiguration(url: base))
        // The name is ours (hex digits), never input: safe to splice.
        try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
        let url = String(base[..<(base.lastIndex(of: "/") ?? base.endIndex)]) + "/" + name
        let client = PostgresClient(configuration: PostgresConfiguration(url: url))
        do {
            try await PostgresMigrator(client: client).migrate()
            await client.shutdown()
            try await body(url)
        } catch {
            await client.shutdown()
            try? await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
            throw error
        }
        try await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.shutdown()
    }
}
