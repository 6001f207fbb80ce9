import Foundation
import GraphQLExecution
import MongoClient
import RedisClient

/// `createPost`, `publishPost`, `addComment`, `likePost`: posts and comments in MongoDB,
/// likes as a live Redis counter (with the set of users who liked, one like each).
///
/// Analytics that rank posts (`trendingPosts`) are left to expire with their TTL rather than
/// recomputed after every like; `totals`, which counts published posts and comments, is
/// deleted when those counts change.
enum PostMutations {
    static let createPost = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let authorId = try input.id("authorId", of: "User")
        try MutationAccess.createPost(author: authorId, info.gateway)
        let title = try input.text("title", maxLength: 200)
        let content = try input.text("content", maxLength: 100_000)
        let excerpt = try input.optionalText("excerpt", maxLength: 500) ?? Self.excerpt(of: content)
        let tags = try Self.tags(input)
        let publish = input.bool("publish") ?? false

        let writes = StoreWrites(context: info.gateway)
        let rows = try await writes.query("SELECT role FROM users WHERE id = $1", [.uuid(authorId)])
        guard let author = rows.first else { throw GatewayError.notFound("user", field: input.field("authorId")) }
        guard try author.decode(String.self, "role") != "PATIENT" else {
            throw GatewayError.badInput(input.field("authorId"), "is not a doctor or an administrator")
        }

        let id = UUID().lowercasedText
        let base = slug(title)
        let candidates = [base] + (2...9).map { "\(base)-\($0)" }
        let taken = try await writes.mongo { database in
            try await database.collection("posts").find(
                .in("slug", candidates.map(BSONValue.string)), options: FindOptions(projection: .include(["slug"])),
                timeout: writes.timeout)
        }.compactMap { $0["slug"]?.stringValue }
        // The first free candidate; when all are taken, or another post takes it first (the
        // unique index on slug says so), the post's own id makes it unique.
        let unique = "\(base)-\(id.prefix(8))"
        let now = Date()
        let document: BSONDocument = [
            "_id": .string(id),
            "title": .string(title),
            "slug": .string(candidates.first { !taken.contains($0) } ?? unique),
            "content": .string(content),
            "excerpt": .string(excerpt),
            "tags": .array(tags.map(BSONValue.string)),
            "status": .string(publish ? "PUBLISHED" : "DRAFT"),
            "publishedAt": publish ? .date(now) : .null,
            "authorId": .string(authorId.lowercasedText),
            "engagement": .document(["views": .int32(0), "likes": .int32(0), "shares": .int32(0), "comments": .int32(0)]),
            "createdAt": .date(now),
            "updatedAt": .date(now),
        ]
        let post = try await writes.mongo { database in
            let posts = database.collection("posts")
            do {
                try await posts.insertOne(document, timeout: writes.timeout)
                return document
            } catch MongoError.duplicateKey {
                var post = document
                post["slug"] = .string(unique)
                try await posts.insertOne(post, timeout: writes.timeout)
                return post
            }
        }
        if publish { await writes.invalidate([CacheKey.analytics("totals")]) }
        return Resolve.post(post)
    }

    static let publishPost = FieldResolver.async { _, arguments, info in
        let id = try GlobalID.uuid(Resolve.string(arguments, "id") ?? "", of: "Post", argument: "id").lowercasedText
        try await MutationAccess.publishPost(id, info.gateway)
        let writes = StoreWrites(context: info.gateway)
        let now = Date()
        let result = try await writes.mongo { database in
            try await database.collection("posts").updateOne(
                .and([.eq("_id", .string(id)), .eq("status", .string("DRAFT"))]),
                .set("status", .string("PUBLISHED")).and(.set("publishedAt", .date(now))).and(.set("updatedAt", .date(now))),
                timeout: writes.timeout)
        }
        let post = try await writes.mongo { database in
            try await database.collection("posts").findOne(.eq("_id", .string(id)), timeout: writes.timeout)
        }
        guard let post else { throw GatewayError.notFound("post", field: "id") }
        if result.modifiedCount > 0 { await writes.invalidate([CacheKey.analytics("totals")]) }
        return Resolve.post(post)
    }

    static let addComment = FieldResolver.async { _, arguments, info in
        let input = InputObject(arguments, "input")
        let postId = try input.id("postId", of: "Post").lowercasedText
        let authorId = try input.id("authorId", of: "User")
        try MutationAccess.comment(author: authorId, info.gateway)
        let body = try input.text("body", maxLength: 5_000)
        let writes = StoreWrites(context: info.gateway)

        async let author = writes.query("SELECT 1 FROM users WHERE id = $1", [.uuid(authorId)])
        async let post = published(
            postId, field: input.field("postId"), action: "commented on", writes, viewer: info.gateway.viewer)
        _ = try await post
        guard try await !author.isEmpty else { throw GatewayError.notFound("user", field: input.field("authorId")) }

        let comment: BSONDocument = [
            "_id": .string(UUID().lowercasedText),
            "postId": .string(postId),
            "authorId": .string(authorId.lowercasedText),
            "body": .string(body),
            "createdAt": .date(Date()),
        ]
        // Comment first, count second: if the count's update fails, the stored count is one
        // short, never one too many.
        try await writes.mongo { database in try await database.collection("comments").insertOne(comment, timeout: writes.timeout) }
        try await writes.mongo { database in
            try await database.collection("posts").updateOne(
                .eq("_id", .string(postId)), .inc("engagement.comments", by: .int32(1)), timeout: writes.timeout)
        }
        await writes.invalidate([CacheKey.analytics("totals")])
        return Resolve.comment(comment)
    }

    static let likePost = FieldResolver.async { _, arguments, info in
        let id = try GlobalID.uuid(Resolve.string(arguments, "id") ?? "", of: "Post", argument: "id").lowercasedText
        let viewer = try Access.signedIn("liking posts", info.gateway.viewer)
        let writes = StoreWrites(context: info.gateway)
        let post = try await published(id, field: "id", action: "liked", writes, viewer: info.gateway.viewer)
        _ = try await writes.redis { redis in
            try await redis.send(
                RedisCommand(
                    "EVAL", likeScript, "2", CacheKey.postLikers(id), CacheKey.postLikes(id), viewer.id.lowercasedText),
                timeout: writes.gateway.configuration.cacheTimeout * 5)
        }
        // The post's `engagement.likes` reads the counter afterwards, in this request.
        return Resolve.post(post)
    }

    /// One like per user and post: the user joins the post's likers (`KEYS[1]`, a set) and,
    /// only if they were not there yet, its live counter (`KEYS[2]`) goes up by one. Redis runs
    /// a script alone, so two likes racing count once, and a like sent again (a retry after a
    /// timeout) changes nothing and succeeds.
    static let likeScript = """
        if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then return redis.call('INCR', KEYS[2]) end
        return 0
        """

    /// The post, which must exist (NOT_FOUND) and be published (CONFLICT). A draft the
    /// viewer may not see is NOT_FOUND, as it is to reads.
    private static func published(
        _ id: String, field: String, action: String, _ writes: StoreWrites, viewer: Viewer
    ) async throws -> BSONDocument {
        let post = try await writes.mongo { database in
            try await database.collection("posts").findOne(.eq("_id", .string(id)), timeout: writes.timeout)
        }
        guard let post, Access.canSee(post: post, viewer) else { throw GatewayError.notFound("post", field: field) }
        guard post["status"]?.stringValue == "PUBLISHED" else {
            throw GatewayError.conflict("The post is not published; only a published post can be \(action).", field: field)
        }
        return post
    }

    // MARK: - Input

    /// `tags`: at most 10, each 1 to 40 lowercase letters, digits or dashes; repeats dropped.
    static func tags(_ input: InputObject) throws -> [String] {
        let tags = input.strings("tags")
        guard tags.count <= 10 else {
            throw GatewayError.badInput(input.field("tags"), "holds \(tags.count) items; at most 10 are allowed")
        }
        var unique: [String] = []
        for (index, tag) in tags.enumerated() {
            guard InputFormat.isTag(tag) else {
                throw GatewayError.badInput("\(input.field("tags")).\(index)", "must be 1 to 40 lowercase letters, digits or dashes")
            }
            if !unique.contains(tag) { unique.append(tag) }
        }
        return unique
    }

    /// The start of the first paragraph, at most 160 characters, as the seed's excerpts are.
    static func excerpt(of content: String) -> String {
        let firstParagraph = content.components(separatedBy: "\n\n").first ?? content
        return String(firstParagraph.trimmingCharacters(in: .whitespacesAndNewlines).prefix(160))
    }

    /// A URL-friendly name from a title: ASCII letters (accents dropped) and digits in lower
    /// case, words joined by dashes, at most 80 characters; `post` when nothing is left.
    /// "Œdème : les 5 signes d'alerte" → "oedeme-les-5-signes-d-alerte".
    static func slug(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        for scalar in folded.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": slug.unicodeScalars.append(scalar)
            case "œ": slug += "oe"
            case "æ": slug += "ae"
            case "ß": slug += "ss"
            default: if !slug.isEmpty, slug.last != "-" { slug.append("-") }
            }
        }
        if slug.count > 80 { slug = String(slug.prefix(80)) }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "post" : slug
    }
}
