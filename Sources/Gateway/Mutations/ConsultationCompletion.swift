import Foundation
import GraphQLExecution
import MongoClient
import PostgresClient

/// `completeConsultation`: the one mutation that writes two stores (ARCHITECTURE.md §6, "Writes").
///
/// 1. One PostgreSQL transaction sets the consultation COMPLETED (only from SCHEDULED) and
///    adds an outbox row whose payload is the whole record entry (`commit`).
/// 2. After the commit, the event is applied to MongoDB at once, with a short timeout
///    (`OutboxProcessor.applyNow`): the answer is then APPLIED with the entry. When MongoDB
///    does not answer in time the mutation still succeeds, PENDING with no entry, and the
///    outbox worker applies the event until it lands.
///
/// The entry is never lost, because it is committed with the status change; never
/// duplicated, because applying is keyed by consultation id. A crash between the two steps
/// leaves a pending row, which the worker of the next gateway to start applies.
enum ConsultationCompletion {
    /// How long the mutation waits for MongoDB before answering PENDING.
    static let inlineTimeout: Duration = .seconds(2)

    static let completeConsultation = FieldResolver.async { _, arguments, info in
        let input = try CompletionInput(InputObject(arguments, "input"))
        try await MutationAccess.consultation(
            input.consultationId, doctorOnly: true, action: "completing this consultation", info.gateway)
        let gateway = info.gateway.gateway
        let committed = try await commit(input, StoreWrites(context: info.gateway))
        await gateway.invalidate([CacheKey.analytics("totals")])
        // What is left of the request's budget bounds the wait too; past it, PENDING.
        let wait = info.gateway.budget.timeout(atMost: min(inlineTimeout, gateway.configuration.storeTimeout))
        let entry = await OutboxProcessor(gateway: gateway).applyNow(eventId: committed.eventId, timeout: wait)
        return .object(
            CompletionPayload(
                consultation: committed.consultation, patientId: committed.event.patientId, entry: entry))
    }

    /// What step 1 committed.
    struct Committed: Sendable {
        var consultation: ConsultationRow
        var event: RecordEntryEvent
        var eventId: Int64
    }

    /// Step 1: the status change and its outbox event, in one transaction. A consultation
    /// that is not SCHEDULED is a CONFLICT naming its status; an unknown one, NOT_FOUND.
    static func commit(_ input: CompletionInput, _ writes: StoreWrites) async throws -> Committed {
        let field = "input.consultationId"
        return try await writes.transaction { transaction in
            // Whole seconds, which PostgreSQL, MongoDB (milliseconds) and a `Date` all hold
            // exactly: the entry's date and the consultation's completedAt always agree.
            let rows = try await transaction.query(
                """
                UPDATE consultations SET status = 'COMPLETED', completed_at = date_trunc('second', now())
                WHERE id = $1 AND status = 'SCHEDULED'
                RETURNING \(ConsultationRow.columns)
                """, [.uuid(input.consultationId)])
            guard let updated = rows.first else {
                let current = try await transaction.query(
                    "SELECT status FROM consultations WHERE id = $1", [.uuid(input.consultationId)])
                throw ConsultationMutations.whyNotScheduled(
                    try current.first?.decode(String.self, "status"), field: field, action: "completed")
            }
            let consultation = try ConsultationRow(updated)
            let event = input.event(consultation)
            let inserted = try await transaction.query(try Outbox.enqueue(event, consultationId: consultation.id))
            return Committed(consultation: consultation, event: event, eventId: try inserted[0].decode(Int64.self, "id"))
        }
    }

    static let payload: [String: FieldResolver] = [
        "consultation": Resolve.field(CompletionPayload.self) { Resolve.consultation($0.consultation) },
        "recordEntry": Resolve.field(CompletionPayload.self) { payload in
            payload.entry.map { .object(RecordEntry(patientId: payload.patientId, document: $0)) } ?? .null
        },
        "recordStatus": Resolve.field(CompletionPayload.self) { .json(.enumValue($0.entry == nil ? "PENDING" : "APPLIED")) },
    ]
}

/// `CompleteConsultationPayload`'s parent.
struct CompletionPayload: Sendable {
    var consultation: ConsultationRow
    var patientId: String
    /// The entry, when it is in MongoDB.
    var entry: BSONDocument?
}

/// `CompleteConsultationInput`, checked.
struct CompletionInput: Sendable {
    var consultationId: UUID
    var diagnosis: String
    var symptoms: [String]
    var prescriptions: [RecordEntryEvent.Prescription]
    var examResults: [RecordEntryEvent.ExamResult]
    var notes: String?

    /// Limits that keep one entry well inside MongoDB's 16 MB per patient record.
    static let maximumItems = 50
    static let maximumText = 200

    init(
        consultationId: UUID, diagnosis: String, symptoms: [String] = [],
        prescriptions: [RecordEntryEvent.Prescription] = [], examResults: [RecordEntryEvent.ExamResult] = [],
        notes: String? = nil
    ) {
        self.consultationId = consultationId
        self.diagnosis = diagnosis
        self.symptoms = symptoms
        self.prescriptions = prescriptions
        self.examResults = examResults
        self.notes = notes
    }

    init(_ input: InputObject) throws {
        consultationId = try input.id("consultationId", of: "Consultation")
        diagnosis = try input.text("diagnosis", maxLength: 500)
        symptoms = try input.texts("symptoms", maxCount: Self.maximumItems, maxLength: Self.maximumText)
        let prescriptions = input.objects("prescriptions")
        let examResults = input.objects("examResults")
        for (name, list) in [("prescriptions", prescriptions), ("examResults", examResults)]
        where list.count > Self.maximumItems {
            throw GatewayError.badInput(
                input.field(name), "holds \(list.count) items; at most \(Self.maximumItems) are allowed")
        }
        self.prescriptions = try prescriptions.map { prescription in
            RecordEntryEvent.Prescription(
                drug: try prescription.text("drug", maxLength: Self.maximumText),
                dosage: try prescription.text("dosage", maxLength: Self.maximumText),
                frequency: try prescription.text("frequency", maxLength: Self.maximumText))
        }
        self.examResults = try examResults.map { exam in
            RecordEntryEvent.ExamResult(
                test: try exam.text("test", maxLength: Self.maximumText),
                result: try exam.text("result", maxLength: 2_000))
        }
        notes = try input.optionalText("notes", maxLength: 10_000)
    }

    /// The outbox event for the consultation this input completed.
    func event(_ consultation: ConsultationRow) -> RecordEntryEvent {
        RecordEntryEvent(
            patientId: consultation.patientId.lowercasedText,
            doctorId: consultation.doctorId.lowercasedText,
            consultationId: consultation.id.lowercasedText,
            date: DateTime.format(consultation.completedAt ?? Date()),
            diagnosis: diagnosis, symptoms: symptoms, prescriptions: prescriptions, examResults: examResults,
            notes: notes)
    }
}
