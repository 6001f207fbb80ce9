import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient

/// Resolvers of the MongoDB-backed types: medical records, posts and comments.
enum DocumentResolvers {
    static let medicalRecord: [String: FieldResolver] = [
        "id": Resolve.field(MedicalRecordDocument.self) { .json(.string(GlobalID.encode("MedicalRecord", $0.patientId))) },
        "patient": Resolve.on(MedicalRecordDocument.self) { record, _, info in
            guard let id = UUID(uuidString: record.patientId) else { return .null }
            return Resolve.pending(info.gateway.user(id), Resolve.user)
        },
        "bloodType": Resolve.field(MedicalRecordDocument.self) { Resolve.bson($0.document["bloodType"]) },
        "consultations": Resolve.field(MedicalRecordDocument.self) { record in
            .list((record.document["consultations"]?.arrayValue ?? []).compactMap(\.documentValue).map {
                .object(RecordEntry(patientId: record.patientId, document: $0))
            })
        },
        "allergies": Resolve.field(MedicalRecordDocument.self) { Resolve.bson($0.document["allergies"] ?? .array([])) },
        "chronicDiseases": Resolve.field(MedicalRecordDocument.self) {
            Resolve.bson($0.document["chronicDiseases"] ?? .array([]))
        },
        "vaccinations": Resolve.field(MedicalRecordDocument.self) {
            Resolve.bson($0.document["vaccinations"] ?? .array([]))
        },
        "vitalSigns": Resolve.field(MedicalRecordDocument.self) { Resolve.bson($0.document["vitalSigns"] ?? .array([])) },
        "createdAt": Resolve.field(MedicalRecordDocument.self) { Resolve.bson($0.document["createdAt"]) },
        "updatedAt": Resolve.field(MedicalRecordDocument.self) { Resolve.bson($0.document["updatedAt"]) },
    ]

    static let recordEntry: [String: FieldResolver] = [
        "consultationId": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["consultationId"]) },
        "consultation": Resolve.on(RecordEntry.self) { entry, _, info in
            guard let id = entry.document["consultationId"]?.stringValue.flatMap(UUID.init(uuidString:)) else {
                return .null
            }
            return QueryResolvers.visibleConsultation(id, info)
        },
        "doctor": Resolve.on(RecordEntry.self) { entry, _, info in
            guard let id = entry.document["doctorId"]?.stringValue.flatMap(UUID.init(uuidString:)) else { return .null }
            return Resolve.pending(info.gateway.doctor(id), Resolve.doctor)
        },
        "date": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["date"]) },
        "diagnosis": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["diagnosis"]) },
        "symptoms": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["symptoms"] ?? .array([])) },
        "prescriptions": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["prescriptions"] ?? .array([])) },
        "examResults": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["examResults"] ?? .array([])) },
        "notes": Resolve.field(RecordEntry.self) { Resolve.bson($0.document["notes"]) },
    ]

    /// Embedded documents whose fields are their keys.
    static let embedded: [String: [String: FieldResolver]] = [
        "Prescription": Resolve.documentFields("drug", "dosage", "frequency"),
        "ExamResult": Resolve.documentFields("test", "result"),
        "Allergy": Resolve.documentFields("substance", "reaction", "severity", "recordedAt"),
        "ChronicDisease": Resolve.documentFields("name", "diagnosedAt"),
        "Vaccination": Resolve.documentFields("vaccine", "date", "dose"),
        "VitalSigns": Resolve.documentFields(
            "recordedAt", "heartRate", "bloodPressure", "temperature", "weightKg", "heightCm"),
        "BloodPressure": Resolve.documentFields("systolic", "diastolic"),
    ]

    static let post: [String: FieldResolver] = [
        "id": Resolve.field(PostDocument.self) { .json(.string(GlobalID.encode("Post", $0.id))) },
        "title": Resolve.field(PostDocument.self) { Resolve.bson($0.document["title"]) },
        "slug": Resolve.field(PostDocument.self) { Resolve.bson($0.document["slug"]) },
        "content": Resolve.field(PostDocument.self) { Resolve.bson($0.document["content"]) },
        "excerpt": Resolve.field(PostDocument.self) { Resolve.bson($0.document["excerpt"]) },
        "tags": Resolve.field(PostDocument.self) { Resolve.bson($0.document["tags"] ?? .array([])) },
        "status": Resolve.field(PostDocument.self) { Resolve.bson($0.document["status"]) },
        "publishedAt": Resolve.field(PostDocument.self) { Resolve.bson($0.document["publishedAt"]) },
        "createdAt": Resolve.field(PostDocument.self) { Resolve.bson($0.document["createdAt"]) },
        "updatedAt": Resolve.field(PostDocument.self) { Resolve.bson($0.document["updatedAt"]) },
        "author": Resolve.on(PostDocument.self) { post, _, info in
            guard let id = post.document["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)) else { return .null }
            return Resolve.pending(info.gateway.user(id), Resolve.user)
        },
        "comments": Resolve.on(PostDocument.self) { post, arguments, info in
            let page = try PageArguments(arguments, defaultFirst: 20)
            return Resolve.pending(info.gateway.page(.commentsOfPost(post.id, page))) {
                .object($0.connection(page, cursor: MongoBatch.commentCursor) { Resolve.comment($0) })
            }
        },
        "engagement": Resolve.on(PostDocument.self) { post, _, _ in .object(post) },
    ]

    /// Stored counts plus the live Redis counters, read in the level's `MGET`.
    static let engagement: [String: FieldResolver] = [
        "views": live("views", CacheKey.postViews),
        "likes": live("likes", CacheKey.postLikes),
        "shares": Resolve.field(PostDocument.self) { .int(stored($0, "shares")) },
        "comments": Resolve.field(PostDocument.self) { .int(stored($0, "comments")) },
    ]

    private static func stored(_ post: PostDocument, _ name: String) -> Int {
        post.document["engagement"]?.documentValue?[name]?.intValue ?? 0
    }

    private static func live(_ name: String, _ key: @escaping @Sendable (String) -> String) -> FieldResolver {
        Resolve.on(PostDocument.self) { post, _, info in
            let base = stored(post, name)
            return Resolve.pending(info.gateway.redis.load(key(post.id))) { live in
                .int(base + (live.flatMap { Int($0) } ?? 0))
            }
        }
    }

    static let comment: [String: FieldResolver] = [
        "id": Resolve.field(CommentDocument.self) { .json(.string(GlobalID.encode("Comment", $0.id))) },
        "body": Resolve.field(CommentDocument.self) { Resolve.bson($0.document["body"]) },
        "createdAt": Resolve.field(CommentDocument.self) { Resolve.bson($0.document["createdAt"]) },
        "post": Resolve.on(CommentDocument.self) { comment, _, info in
            guard let id = comment.document["postId"]?.stringValue else { return .null }
            return Resolve.pending(info.gateway.document(.post(id: id))) { [viewer = info.gateway.viewer] in
                Resolve.post($0, visibleTo: viewer)
            }
        },
        "author": Resolve.on(CommentDocument.self) { comment, _, info in
            guard let id = comment.document["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)) else {
                return .null
            }
            return Resolve.pending(info.gateway.user(id), Resolve.user)
        },
    ]
}
