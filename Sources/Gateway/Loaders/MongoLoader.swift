import Foundation
import MongoClient

/// One read from MongoDB, as a loader key.
enum MongoRead: Hashable, Sendable {
    /// A patient's medical record.
    case record(patientId: String)
    case post(id: String)
    case postBySlug(String)
    /// A page of an author's posts, newest first, with or without their drafts.
    case postsOfAuthor(String, PageArguments, drafts: Bool)
    /// A page of a post's comments, oldest first.
    case commentsOfPost(String, PageArguments)
    case comment(id: String)
}

/// What a `MongoRead` found.
enum MongoLoaded: Sendable {
    case document(BSONDocument?)
    case page(Page<BSONDocument>)
}

/// Sends every MongoDB read of one dispatch as one `aggregate`: the first read's `$match` on
/// its collection, then one `$unionWith` per other read (MongoDB 4.4+), each part tagged with
/// its number so the answers can be told apart. Several collections, one round trip.
///
/// Pages are cut here rather than in the database: a page's parents' documents are fetched
/// whole (an author's posts, a post's comments), sorted and sliced per parent. That keeps the
/// read to one `$in` whatever the number of parents; the cost is reading documents past the
/// page, bounded by each parent's list.
struct MongoBatch {
    let database: MongoDatabase
    let trace: RequestTrace
    let budget: RequestBudget
    /// Whose request: posts are read through `Access.visiblePosts`, so a draft the viewer may
    /// not see is never read (and never counted in the trace).
    let viewer: Viewer

    private struct Part {
        var collection: String
        var filter: Filter
    }

    static let partField = "__chorus_part"

    func load(_ keys: [MongoRead]) async throws -> [MongoRead: Result<MongoLoaded, any Error>] {
        var records: [String] = []
        var posts: [String] = []
        var slugs: [String] = []
        var authors: [String] = []
        var comments: [String] = []
        var commentedPosts: [String] = []
        for key in keys {
            switch key {
            case .record(let patientId): records.append(patientId)
            case .post(let id): posts.append(id)
            case .postBySlug(let slug): slugs.append(slug)
            case .postsOfAuthor(let author, _, _): authors.append(author)
            case .commentsOfPost(let post, _): commentedPosts.append(post)
            case .comment(let id): comments.append(id)
            }
        }
        var parts: [Part] = []
        let visiblePosts = Access.visiblePosts(viewer)
        func add(_ collection: String, _ field: FieldPath, _ values: [String]) -> Int? {
            guard !values.isEmpty else { return nil }
            let unique = Array(Set(values)).sorted()
            var filter: Filter = .in(field, unique.map(BSONValue.string))
            if collection == "posts", let visiblePosts { filter = .and([filter, visiblePosts]) }
            parts.append(Part(collection: collection, filter: filter))
            return parts.count - 1
        }
        let recordPart = add("medical_records", "patientId", records)
        let postPart = add("posts", "_id", posts)
        let slugPart = add("posts", "slug", slugs)
        let authorPart = add("posts", "authorId", authors)
        let commentPart = add("comments", "_id", comments)
        let commentedPart = add("comments", "postId", commentedPosts)

        let documents = try await fetch(parts)
        func byKey(_ part: Int?, _ field: String) -> [String: [BSONDocument]] {
            guard let part else { return [:] }
            var grouped: [String: [BSONDocument]] = [:]
            for document in documents[part] {
                if let key = document[field]?.stringValue { grouped[key, default: []].append(document) }
            }
            return grouped
        }
        let recordsByPatient = byKey(recordPart, "patientId")
        let postsById = byKey(postPart, "_id")
        let postsBySlug = byKey(slugPart, "slug")
        let postsByAuthor = byKey(authorPart, "authorId")
        let commentsById = byKey(commentPart, "_id")
        let commentsByPost = byKey(commentedPart, "postId")

        var results: [MongoRead: Result<MongoLoaded, any Error>] = [:]
        for key in keys {
            switch key {
            case .record(let patientId): results[key] = .success(.document(recordsByPatient[patientId]?.first))
            case .post(let id): results[key] = .success(.document(postsById[id]?.first))
            case .postBySlug(let slug): results[key] = .success(.document(postsBySlug[slug]?.first))
            case .comment(let id): results[key] = .success(.document(commentsById[id]?.first))
            case .postsOfAuthor(let author, let arguments, let drafts):
                let sorted = (postsByAuthor[author] ?? [])
                    .filter { drafts || $0["status"]?.stringValue != "DRAFT" }
                    .sorted { Self.postCursor($1).isAfter(Self.postCursor($0)) }
                results[key] = .success(.page(Page(sorted: sorted, arguments: arguments, cursor: Self.postCursor)))
            case .commentsOfPost(let post, let arguments):
                let sorted = (commentsByPost[post] ?? []).sorted { Self.commentCursor($1).isAfter(Self.commentCursor($0)) }
                results[key] = .success(.page(Page(sorted: sorted, arguments: arguments, cursor: Self.commentCursor)))
            }
        }
        return results
    }

    /// Posts sort newest first on (createdAt, _id).
    static func postCursor(_ post: BSONDocument) -> Cursor {
        Cursor(order: .descending, key: dateKey(post["createdAt"]), id: post["_id"]?.stringValue ?? "")
    }

    /// Comments sort oldest first on (createdAt, _id).
    static func commentCursor(_ comment: BSONDocument) -> Cursor {
        Cursor(order: .ascending, key: dateKey(comment["createdAt"]), id: comment["_id"]?.stringValue ?? "")
    }

    private static func dateKey(_ value: BSONValue?) -> String {
        if case .date(let date)? = value { return Cursor.dateKey(date) }
        return Cursor.dateKey(Date(timeIntervalSince1970: 0))
    }

    /// Runs the parts as one aggregate and splits the answer by part.
    private func fetch(_ parts: [Part]) async throws -> [[BSONDocument]] {
        guard let first = parts.first else { return [] }
        func tagged(_ index: Int, _ part: Part) -> [Stage] {
            [.match(part.filter), .addFields([Self.partField: .literal(.int32(Int32(index)))])]
        }
        var pipeline = tagged(0, first)
        for (index, part) in parts.enumerated().dropFirst() {
            pipeline.append(.unionWith(collection: part.collection, pipeline: tagged(index, part)))
        }
        let documents = try await trace.roundTrip(.mongo, within: budget, items: \.count) { timeout in
            try await database.collection(first.collection).aggregate(pipeline, timeout: timeout)
        }
        var split = Array(repeating: [BSONDocument](), count: parts.count)
        for var document in documents {
            guard let part = document[Self.partField]?.intValue, split.indices.contains(part) else { continue }
            document[Self.partField] = nil
            split[part].append(document)
        }
        return split
    }
}
