import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import MongoClient
import RedisClient
import Testing

@testable import Gateway

/// `createPost`, `publishPost`, `addComment`, `likePost`, checked against MongoDB and Redis.
struct MutationPostTests {
    static let create = """
        mutation ($input: CreatePostInput!) {
          createPost(input: $input) { id title slug content excerpt tags status publishedAt author { id }
                                      engagement { views likes shares comments } }
        }
        """

    static func post(_ gateway: Gateway, _ id: String) async throws -> BSONDocument? {
        try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(id)))
    }

    static func postId(_ value: CoercedValue?) -> String? {
        guard case .string(let text)? = value, let id = GlobalID(decoding: text) else { return nil }
        return id.key
    }

    @Test("a draft by a doctor: slug from the title, excerpt from the content, tags without repeats")
    func createsDraft() async throws {
        let gateway = try await MutationFixtures.shared()
        let author = try await MutationFixtures.doctor(gateway)
        let marker = UUID().uuidString.prefix(8).lowercased()
        let result = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"authorId": "\#(author)", "title": "Œdème : 5 signes d’alerte \#(marker)", "content": "First paragraph.\n\nSecond one.", "tags": ["cardiology", "tips", "cardiology"]}}"#
        )
        #expect(result.errors.isEmpty, "\(result.errors)")
        let post = result.data?[field: "createPost"]
        let id = try #require(Self.postId(post?[field: "id"]))
        let stored = try #require(try await Self.post(gateway, id))
        let slug = "oedeme-5-signes-d-alerte-\(marker)"
        #expect(stored["slug"] == .string(slug))
        #expect(post?[field: "slug"] == .string(slug))
        #expect(stored["excerpt"] == "First paragraph.")
        #expect(post?[field: "tags"] == .list([.string("cardiology"), .string("tips")]))
        #expect(stored["tags"] == ["cardiology", "tips"])
        #expect(stored["status"] == "DRAFT")
        #expect(post?[field: "status"] == .string("DRAFT"))
        #expect(stored["publishedAt"] == .null)
        #expect(post?[field: "publishedAt"] == .null)
        #expect(stored["authorId"] == .string(author.uuidString.lowercased()))
        #expect(post?[field: "author"]?[field: "id"] == .string(GlobalID.encode("User", author)))
        #expect(
            post?[field: "engagement"]
                == .object([
                    .init(name: "views", value: .int(0)), .init(name: "likes", value: .int(0)),
                    .init(name: "shares", value: .int(0)), .init(name: "comments", value: .int(0)),
                ]))

        // The same title again: the next free slug.
        let second = try await MutationFixtures.execute(
            gateway, Self.create,
            #"{"input": {"authorId": "\#(author)", "title": "Œdème : 5 signes d’alerte \#(marker)", "content": "Again.", "publish": true}}"#)
        #expect(second.data?[field: "createPost"]?[field: "slug"] == .string("\(slug)-2"))
        #expect(second.data?[field: "createPost"]?[field: "status"] == .string("PUBLISHED"))
        #expect(second.data?[field: "createPost"]?[field: "publishedAt"] != .null)
    }

    @Test("slugs", arguments: [
        ("What you should know about high blood pressure", "what-you-should-know-about-high-blood-pressure"),
        ("  Ça va ? Œuf & Straße!  ", "ca-va-oeuf-strasse"),
        ("!!!", "post"),
        (String(repeating: "word ", count: 40), String(String(repeating: "word-", count: 16).dropLast())),
    ])
    func slugs(title: String, slug: String) {
        #expect(PostMutations.slug(title) == slug)
    }

    @Test("createPost refuses patients and bad tags, naming the field")
    func refusesPosts() async throws {
        let gateway = try await MutationFixtures.shared()
        let patient = try await MutationFixtures.user(gateway)
        let doctor = try await MutationFixtures.doctor(gateway)
        let cases: [(String, MutationFixtures.ClientError)] = [
            (
                #""authorId": "\#(patient)", "title": "T", "content": "C""#,
                .init("Invalid input.authorId: is not a doctor or an administrator.", "BAD_USER_INPUT", "input.authorId")
            ),
            (
                #""authorId": "\#(UUID())", "title": "T", "content": "C""#,
                .init("No user has that ID.", "NOT_FOUND", "input.authorId")
            ),
            (
                #""authorId": "\#(doctor)", "title": "T", "content": "C", "tags": ["ok", "Not OK"]"#,
                .init("Invalid input.tags.1: must be 1 to 40 lowercase letters, digits or dashes.", "BAD_USER_INPUT", "input.tags.1")
            ),
            (
                #""authorId": "\#(doctor)", "title": "\#(String(repeating: "t", count: 201))", "content": "C""#,
                .init("Invalid input.title: must be at most 200 characters.", "BAD_USER_INPUT", "input.title")
            ),
            (
                #""authorId": "\#(doctor)", "title": "T", "content": "\n\n""#,
                .init("Invalid input.content: must not be empty.", "BAD_USER_INPUT", "input.content")
            ),
        ]
        for (input, error) in cases {
            let result = try await MutationFixtures.execute(gateway, Self.create, #"{"input": {\#(input)}}"#)
            #expect(MutationFixtures.errors(result) == [error], "\(input)")
        }
        let authored = try await gateway.stores.mongo.collection("posts").count(
            .in("authorId", [.string(patient.uuidString.lowercased()), .string(doctor.uuidString.lowercased())]))
        #expect(authored == 0)
    }

    @Test("publishing a draft sets publishedAt once; publishing again changes nothing")
    func publishes() async throws {
        let gateway = try await MutationFixtures.shared()
        let id = try await MutationFixtures.post(gateway, status: "DRAFT")
        let publish = "mutation ($id: ID!) { publishPost(id: $id) { status publishedAt } }"
        let first = try await MutationFixtures.execute(gateway, publish, #"{"id": "\#(GlobalID.encode("Post", id))"}"#)
        #expect(first.errors.isEmpty, "\(first.errors)")
        let stored = try #require(try await Self.post(gateway, id))
        #expect(stored["status"] == "PUBLISHED")
        guard case .date(let publishedAt)? = stored["publishedAt"] else {
            Issue.record("publishedAt is not a date")
            return
        }
        #expect(
            first.data?[field: "publishPost"]
                == .object([
                    .init(name: "status", value: .string("PUBLISHED")),
                    .init(name: "publishedAt", value: .string(DateTime.format(publishedAt))),
                ]))
        let again = try await MutationFixtures.execute(gateway, publish, #"{"id": "\#(id)"}"#)
        #expect(again.data == first.data)
        let missing = try await MutationFixtures.execute(gateway, publish, #"{"id": "\#(UUID())"}"#)
        #expect(MutationFixtures.errors(missing) == [.init("No post has that ID.", "NOT_FOUND", "id")])
    }

    @Test("a comment on a published post; the post's stored comment count goes up by one")
    func comments() async throws {
        let gateway = try await MutationFixtures.shared()
        let post = try await MutationFixtures.post(gateway)
        let author = try await MutationFixtures.user(gateway)
        let add = """
            mutation ($input: AddCommentInput!) { addComment(input: $input) { id body createdAt author { id } post { engagement { comments } } } }
            """
        let result = try await MutationFixtures.execute(
            gateway, add, #"{"input": {"postId": "\#(post)", "authorId": "\#(author)", "body": "  Very clear, thank you.  "}}"#)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let comment = result.data?[field: "addComment"]
        let id = try #require(Self.postId(comment?[field: "id"]))
        let stored = try #require(try await gateway.stores.mongo.collection("comments").findOne(.eq("_id", .string(id))))
        #expect(stored["postId"] == .string(post))
        #expect(stored["authorId"] == .string(author.uuidString.lowercased()))
        #expect(stored["body"] == "Very clear, thank you.")
        #expect(comment?[field: "body"] == .string("Very clear, thank you."))
        #expect(comment?[field: "author"]?[field: "id"] == .string(GlobalID.encode("User", author)))
        #expect(comment?[field: "post"]?[field: "engagement"]?[field: "comments"] == .int(3))
        #expect(try await Self.post(gateway, post)?["engagement"]?.documentValue?["comments"] == .int32(3))

        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let cases: [(String, MutationFixtures.ClientError)] = [
            (
                #""postId": "\#(draft)", "authorId": "\#(author)", "body": "Hello""#,
                .init("The post is not published; only a published post can be commented on.", "CONFLICT", "input.postId")
            ),
            (#""postId": "\#(UUID())", "authorId": "\#(author)", "body": "Hello""#, .init("No post has that ID.", "NOT_FOUND", "input.postId")),
            (#""postId": "\#(post)", "authorId": "\#(UUID())", "body": "Hello""#, .init("No user has that ID.", "NOT_FOUND", "input.authorId")),
            (
                #""postId": "\#(post)", "authorId": "\#(author)", "body": "\#(String(repeating: "b", count: 5_001))""#,
                .init("Invalid input.body: must be at most 5000 characters.", "BAD_USER_INPUT", "input.body")
            ),
        ]
        for (input, error) in cases {
            let refused = try await MutationFixtures.execute(gateway, add, #"{"input": {\#(input)}}"#)
            #expect(MutationFixtures.errors(refused) == [error], "\(input)")
        }
        #expect(try await Self.post(gateway, post)?["engagement"]?.documentValue?["comments"] == .int32(3))
        #expect(try await gateway.stores.mongo.collection("comments").count(.eq("postId", .string(draft))) == 0)
    }

    @Test("a like: the Redis counter goes up by one, and the post's likes with it; once per user")
    func likes() async throws {
        let gateway = try await MutationFixtures.shared()
        let post = try await MutationFixtures.post(gateway, likes: 3)
        let like = "mutation ($id: ID!) { likePost(id: $id) { engagement { likes } } }"
        func liking(as viewer: Viewer, _ id: String) async -> ExecutionResult {
            await gateway.execute(like, variables: ["id": .string(id)], viewer: viewer).result
        }
        let reader = Viewer.user(id: UUID(), role: .patient)
        let first = await liking(as: reader, post)
        #expect(first.errors.isEmpty, "\(first.errors)")
        #expect(first.data?[field: "likePost"]?[field: "engagement"]?[field: "likes"] == .int(4))
        // The same user again: no error, no second like.
        let again = await liking(as: reader, GlobalID.encode("Post", post))
        #expect(again.errors.isEmpty, "\(again.errors)")
        #expect(again.data?[field: "likePost"]?[field: "engagement"]?[field: "likes"] == .int(4))
        let second = await liking(as: .user(id: UUID(), role: .doctor), post)
        #expect(second.data?[field: "likePost"]?[field: "engagement"]?[field: "likes"] == .int(5))
        #expect(try await gateway.stores.redis.get(CacheKey.postLikes(post)) == "2")

        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let refused = try await MutationFixtures.execute(gateway, like, #"{"id": "\#(draft)"}"#)
        #expect(
            MutationFixtures.errors(refused) == [
                .init("The post is not published; only a published post can be liked.", "CONFLICT", "id")
            ])
        #expect(try await gateway.stores.redis.get(CacheKey.postLikes(draft)) == nil)
        let missing = try await MutationFixtures.execute(gateway, like, #"{"id": "\#(UUID())"}"#)
        #expect(MutationFixtures.errors(missing) == [.init("No post has that ID.", "NOT_FOUND", "id")])
        let wrongType = try await MutationFixtures.execute(gateway, like, #"{"id": "\#(GlobalID.encode("User", UUID()))"}"#)
        #expect(MutationFixtures.errors(wrongType) == [.init("Invalid id: is not a Post ID.", "BAD_USER_INPUT", "id")])
    }

    @Test("likes racing: five users each liking one post four times at once count five")
    func racingLikes() async throws {
        let gateway = try await MutationFixtures.shared()
        let post = try await MutationFixtures.post(gateway, likes: 0)
        let users = (0..<5).map { _ in Viewer.user(id: UUID(), role: .patient) }
        let errors = await withTaskGroup(of: [GraphQLError].self) { group in
            for viewer in users {
                for _ in 0..<4 {
                    group.addTask {
                        await gateway.execute(
                            "mutation ($id: ID!) { likePost(id: $id) { id } }", variables: ["id": .string(post)], viewer: viewer
                        ).result.errors
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(try await gateway.stores.redis.get(CacheKey.postLikes(post)) == "5")
        let likers = try await gateway.stores.redis.send(RedisCommand("SCARD", CacheKey.postLikers(post)))
        #expect(likers == .integer(5))
    }
}
