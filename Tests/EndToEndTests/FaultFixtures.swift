import Foundation
import Gateway
import MongoClient
import PostgresClient
import Testing

/// The rows and documents one fault test reads and writes, picked from the stores as they
/// are when it starts (earlier tests have written, and the stand-in may have restarted).
struct FaultFixtures: Sendable {
    /// Names this test's writes: emails, license numbers, comments, diagnoses.
    let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    /// A cancelled consultation: read from PostgreSQL alone, and no write touches it.
    var cancelledConsultation: UUID
    /// A completed consultation whose entry is in its patient's MongoDB record.
    var completedConsultation: UUID
    /// Its patient, whose record the readers read.
    var recordPatient: UUID
    /// A doctor read through the Redis cache; patients book with them.
    var doctor: UUID
    /// A published post with comments, which the readers read and nobody writes.
    var readPost: String
    /// A published post the writer comments on and likes.
    var writePost: String
    /// Books consultations and writes comments.
    var patient: UUID
    /// Consultations to complete, none of them the record patient's.
    var scheduled: [UUID]
    /// Their patients.
    var scheduledPatients: Set<String>
    /// Bookings are made at `bookingBase` plus a minute per booking, a year from now.
    var bookingBase: Date

    static func pick(_ stack: FaultStack) async throws -> FaultFixtures {
        let postgres = stack.postgres
        let cancelled = try await postgres.query(
            "SELECT id FROM consultations WHERE status = 'CANCELLED' ORDER BY id LIMIT 1")
        let doctor = try await postgres.query("SELECT user_id FROM doctors WHERE available ORDER BY user_id LIMIT 1")

        // A record holding the entry of a completed consultation.
        let records = try await stack.mongo.collection("medical_records").find(.all)
            .sorted { ($0["patientId"]?.stringValue ?? "") < ($1["patientId"]?.stringValue ?? "") }
        var completed: (consultation: UUID, patient: UUID)?
        for record in records where completed == nil {
            guard let patient = record["patientId"]?.stringValue.flatMap(UUID.init(uuidString:)) else { continue }
            for entry in record["consultations"]?.arrayValue ?? [] {
                guard let text = entry.documentValue?["consultationId"]?.stringValue, let id = UUID(uuidString: text)
                else { continue }
                let rows = try await postgres.query(
                    "SELECT 1 FROM consultations WHERE id = $1 AND status = 'COMPLETED'", [.uuid(id)])
                if !rows.isEmpty {
                    completed = (id, patient)
                    break
                }
            }
        }
        let found = try #require(completed, "no completed consultation with a record entry")

        let published = try await stack.mongo.collection("posts").find(.eq("status", "PUBLISHED"))
            .compactMap { $0["_id"]?.stringValue }.sorted()
        let commented = Set(try await stack.mongo.collection("comments").find(.all).compactMap { $0["postId"]?.stringValue })
        let readPost = try #require(published.first { commented.contains($0) }, "no published post with comments")
        let writePost = try #require(published.first { $0 != readPost }, "no second published post")

        let patient = try await postgres.query(
            "SELECT id FROM users WHERE role = 'PATIENT' AND id <> $1 ORDER BY id LIMIT 1", [.uuid(found.patient)])
        let scheduled = try await postgres.query(
            "SELECT id, patient_id FROM consultations WHERE status = 'SCHEDULED' AND patient_id <> $1 ORDER BY id LIMIT 40",
            [.uuid(found.patient)])
        try #require(scheduled.count >= 20, "too few scheduled consultations left to complete")
        // Whole milliseconds, as the gateway's DateTime keeps them, so a booking reads back equal;
        // a day of its own in the next 50 years, since one doctor's bookings must be 15 minutes apart.
        let base = Date().addingTimeInterval(Double(365 + Int.random(in: 0..<18_000)) * 86_400)
        return FaultFixtures(
            cancelledConsultation: try cancelled[0].decode(UUID.self, "id"),
            completedConsultation: found.consultation,
            recordPatient: found.patient,
            doctor: try doctor[0].decode(UUID.self, "user_id"),
            readPost: readPost,
            writePost: writePost,
            patient: try patient[0].decode(UUID.self, "id"),
            scheduled: try scheduled.map { try $0.decode(UUID.self, "id") },
            scheduledPatients: Set(try scheduled.map { try $0.decode(UUID.self, "patient_id").uuidString.lowercased() }),
            bookingBase: Date(timeIntervalSince1970: (base.timeIntervalSince1970 * 1000).rounded() / 1000))
    }

    /// The writer's bookings, a slot (15 minutes) apart.
    func bookingTime(_ number: Int) -> Date { bookingBase.addingTimeInterval(Double(number) * 900) }

    /// The Redis key of the write post's live like counter.
    var likesKey: String { "chorus:v1:post:\(writePost):likes" }
}

/// A query the readers send, with the stores behind each of its fields.
struct ReadProbe: Sendable {
    var name: String
    var query: String
    var variables: JSON
    /// Response paths and the stores the fields there read: an error may name one of the
    /// stores of a path that is a prefix of its own path.
    var reads: [[String]: Set<StoreName>]
    /// What cannot be served while a store is down: in every request wholly inside that
    /// store's outage, the field at each of these paths is null with an error naming it.
    var needs: [StoreName: [[String]]]
    /// What is served while a store is down: the fields at these paths read none of its data.
    var served: [StoreName: [[String]]]
    /// The indexes of the posts in `posts(first: 3)`, as response path elements.
    static let postNodes = ["0", "1", "2"]

    static func all(_ fixtures: FaultFixtures) -> [ReadProbe] {
        [
            ReadProbe(
                name: "one field per store",
                query: """
                    query Mix($consultation: ID!, $completed: ID!, $doctor: ID!, $post: ID!, $patient: ID!) {
                      consultation(id: $consultation) { id status amountPaid }
                      completed: consultation(id: $completed) { id status record { diagnosis } }
                      doctor(id: $doctor) { id specialty consultationFee }
                      post(id: $post) { id title comments(first: 3) { totalCount nodes { body } } }
                      medicalRecord(patientId: $patient) { id allergies { substance } }
                    }
                    """,
                variables: .object([
                    "consultation": .string(fixtures.cancelledConsultation.uuidString),
                    "completed": .string(fixtures.completedConsultation.uuidString),
                    "doctor": .string(fixtures.doctor.uuidString),
                    "post": .string(fixtures.readPost),
                    "patient": .string(fixtures.recordPatient.uuidString),
                ]),
                reads: [
                    // PostgreSQL alone; the record entry from MongoDB.
                    ["consultation"]: [.postgres], ["completed"]: [.postgres], ["completed", "record"]: [.mongo],
                    // Redis, then PostgreSQL when the cache has no copy.
                    ["doctor"]: [.postgres],
                    // MongoDB alone.
                    ["post"]: [.mongo], ["medicalRecord"]: [.mongo],
                ],
                needs: [
                    .postgres: [["consultation"], ["completed"]],
                    .mongo: [["completed", "record"], ["post"], ["medicalRecord"]],
                ],
                served: [
                    .postgres: [["post"], ["medicalRecord"]],
                    .mongo: [["consultation"], ["completed", "id"], ["completed", "status"], ["doctor"]],
                    .redis: [["consultation"], ["completed"], ["doctor"], ["post"], ["medicalRecord"]],
                ]),
            ReadProbe(
                name: "root lists of two stores",
                query: """
                    {
                      users(first: 3, role: ADMIN) { totalCount nodes { id email } }
                      posts(first: 3) { totalCount nodes { id title author { id role } } }
                    }
                    """,
                variables: .object([:]),
                reads: [["users"]: [.postgres], ["posts"]: [.mongo]].merging(
                    // Each author from Redis, or from PostgreSQL when the cache has no copy.
                    Self.postNodes.map { (["posts", "nodes", $0, "author"], [StoreName.postgres]) }, uniquingKeysWith: { $1 }),
                needs: [.postgres: [["users"]], .mongo: [["posts"]]],
                served: [
                    .postgres: [["posts", "totalCount"]] + Self.postNodes.flatMap { [["posts", "nodes", $0, "id"], ["posts", "nodes", $0, "title"]] },
                    .mongo: [["users"]],
                    .redis: [["users"], ["posts"]],
                ]),
        ]
    }
}

/// A mutation the writers send, with the stores it cannot do without.
enum FaultMutation: Sendable {
    case book(patient: UUID, doctor: UUID, at: Date)
    case createDoctor(email: String, license: String)
    case complete(UUID, diagnosis: String)
    case comment(post: String, author: UUID, body: String)
    /// A like by a user of its own: a user's second like of a post counts nothing.
    case like(post: String, liker: UUID)

    /// The mutation's root field.
    var field: String {
        switch self {
        case .book: "bookConsultation"
        case .createDoctor: "createUser"
        case .complete: "completeConsultation"
        case .comment: "addComment"
        case .like: "likePost"
        }
    }

    /// Without these the mutation fails (a cache invalidation is not among them: a Redis
    /// failure there is logged, not returned). Completing a consultation needs PostgreSQL
    /// only: without MongoDB it answers PENDING and the outbox finishes the work.
    var needs: Set<StoreName> {
        switch self {
        case .book, .createDoctor, .complete: [.postgres]
        case .comment: [.postgres, .mongo]
        case .like: [.mongo, .redis]
        }
    }

    var document: String {
        switch self {
        case .book:
            """
            mutation($patient: ID!, $doctor: ID!, $at: DateTime!) {
              bookConsultation(input: {patientId: $patient, doctorId: $doctor, scheduledAt: $at}) { id status } }
            """
        case .createDoctor:
            """
            mutation($email: String!, $license: String!) {
              createUser(input: {email: $email, role: DOCTOR, doctorProfile: {specialty: "Fault Testing",
                licenseNumber: $license, consultationFee: 1000}}) { id } }
            """
        case .complete:
            """
            mutation($id: ID!, $diagnosis: String!) {
              completeConsultation(input: {consultationId: $id, diagnosis: $diagnosis}) {
                recordStatus consultation { status } } }
            """
        case .comment:
            """
            mutation($post: ID!, $author: ID!, $body: String!) {
              addComment(input: {postId: $post, authorId: $author, body: $body}) { id body } }
            """
        case .like:
            "mutation($id: ID!) { likePost(id: $id) { id } }"
        }
    }

    var variables: JSON {
        switch self {
        case .book(let patient, let doctor, let at):
            .object([
                "patient": .string(patient.uuidString), "doctor": .string(doctor.uuidString),
                "at": .string(Self.dateTime(at)),
            ])
        case .createDoctor(let email, let license): .object(["email": .string(email), "license": .string(license)])
        case .complete(let id, let diagnosis): .object(["id": .string(id.uuidString), "diagnosis": .string(diagnosis)])
        case .comment(let post, let author, let body):
            .object(["post": .string(post), "author": .string(author.uuidString), "body": .string(body)])
        case .like(let post, _): .object(["id": .string(post)])
        }
    }

    /// The bearer token the mutation is sent with: the liker's for a like, else an admin's.
    var token: String {
        switch self {
        case .like(_, let liker):
            try! TokenAuthority(secret: TokenAuthority.developmentSecret).sign(user: liker, role: .patient)
        default: ChorusServer.adminToken
        }
    }

    /// RFC 3339 in UTC with milliseconds, as the gateway's `DateTime` prints.
    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
