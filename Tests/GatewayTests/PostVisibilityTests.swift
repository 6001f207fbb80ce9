import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient
import Testing

@testable import Gateway

/// Drafts: only their author and admins see them, by every way of reaching a post; to anyone
/// else a draft does not exist.
struct PostVisibilityTests {
    struct Caller: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// The viewer, given the draft's author.
        var viewer: @Sendable (UUID) -> Viewer
        var seesDraft: Bool
    }

    static let callers: [Caller] = [
        Caller(testDescription: "anonymous", viewer: { _ in .anonymous }, seesDraft: false),
        Caller(testDescription: "a patient", viewer: { _ in .user(id: UUID(), role: .patient) }, seesDraft: false),
        Caller(testDescription: "another doctor", viewer: { _ in .user(id: UUID(), role: .doctor) }, seesDraft: false),
        Caller(testDescription: "the author", viewer: { .user(id: $0, role: .doctor) }, seesDraft: true),
        Caller(testDescription: "an admin", viewer: { _ in .user(id: UUID(), role: .admin) }, seesDraft: true),
    ]

    @Test("a draft, from every angle", arguments: callers)
    func draft(_ caller: Caller) async throws {
        let gateway = try await MutationFixtures.shared()
        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let published = try await MutationFixtures.post(gateway)
        let stored = try #require(try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(draft))))
        let author = try #require(stored["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let viewer = caller.viewer(author)
        let draftID = GlobalID.encode("Post", draft)

        func run(_ query: String, _ variables: [String: CoercedValue]) async -> ExecutionResult {
            await gateway.execute(query, variables: variables, viewer: viewer).result
        }
        let seen: CoercedValue = caller.seesDraft ? .string(draftID) : .null

        let byID = await run("query($id: ID!) { post(id: $id) { id } }", ["id": .string(draftID)])
        #expect(byID.errors.isEmpty)
        #expect(byID.data?[field: "post"]?[field: "id"] ?? .null == seen)

        let bySlug = await run("query($slug: String!) { post(slug: $slug) { id } }", ["slug": .string("fixture-\(draft)")])
        #expect(bySlug.data?[field: "post"]?[field: "id"] ?? .null == seen)

        let byNode = await run("query($id: ID!) { node(id: $id) { ... on Post { id } } }", ["id": .string(draftID)])
        #expect(byNode.data?[field: "node"]?[field: "id"] ?? .null == seen)

        // The author's list: the draft and the total, or neither.
        let list = await run(
            "query($id: ID!) { user(id: $id) { posts(first: 10) { totalCount nodes { id status } } } }",
            ["id": .string(GlobalID.encode("User", author))])
        #expect(list.errors.isEmpty, "\(list.errors)")
        let posts = list.data?[field: "user"]?[field: "posts"]
        #expect(posts?[field: "totalCount"] == .int(caller.seesDraft ? 1 : 0))
        guard case .list(let nodes)? = posts?[field: "nodes"] else {
            Issue.record("no nodes: \(String(describing: list.data))")
            return
        }
        #expect(nodes.map { $0[field: "id"] } == (caller.seesDraft ? [.string(draftID)] : []))

        // The root list, filtered by status: the newest drafts, this one among them or not.
        let root = await run("{ posts(status: DRAFT, first: 100) { nodes { id } } }", [:])
        guard case .list(let rootNodes)? = root.data?[field: "posts"]?[field: "nodes"] else {
            Issue.record("no nodes: \(String(describing: root.data))")
            return
        }
        #expect(rootNodes.contains { $0[field: "id"] == .string(draftID) } == caller.seesDraft)
        // Published posts stay public.
        let open = await run("query($id: ID!) { post(id: $id) { status } }", ["id": .string(published)])
        #expect(open.data?[field: "post"]?[field: "status"] == .string("PUBLISHED"))
    }

    @Test("the trace counts only what the caller may see: a hidden draft reads as no post", arguments: callers)
    func trace(_ caller: Caller) async throws {
        let gateway = try await MutationFixtures.shared()
        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let stored = try #require(try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(draft))))
        let author = try #require(stored["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let viewer = caller.viewer(author)
        func mongoItems(_ query: String, _ id: String) async -> Int {
            let response = await gateway.execute(query, variables: ["v": .string(id)], trace: true, viewer: viewer)
            #expect(response.result.errors.isEmpty, "\(response.result.errors)")
            #expect(response.trace.counts(for: .mongo).roundTrips == 1)
            return response.trace.counts(for: .mongo).items
        }
        let seen = caller.seesDraft ? 1 : 0
        let missing = UUID().uuidString.lowercased()
        for query in [
            "query($v: ID!) { post(id: $v) { id } }", "query($v: ID!) { node(id: $v) { id } }",
            "query($v: String!) { post(slug: $v) { id } }",
        ] {
            let node = query.contains("node")
            let slug = query.contains("slug")
            let id = { (key: String) in slug ? "fixture-\(key)" : node ? GlobalID.encode("Post", key) : key }
            #expect(await mongoItems(query, id(draft)) == seen, "\(query)")
            #expect(await mongoItems(query, id(missing)) == 0, "\(query)")
        }
        // The author's list: their one post, a draft, is read only for those who may see it.
        let list = "query($v: ID!) { user(id: $v) { posts { totalCount } } }"
        #expect(await mongoItems(list, author.uuidString) == seen)
    }

    @Test("publishing: a draft is NOT_FOUND to all but its author and admins; another's published post is FORBIDDEN",
        arguments: callers)
    func publish(_ caller: Caller) async throws {
        let gateway = try await MutationFixtures.shared()
        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let published = try await MutationFixtures.post(gateway)
        let stored = try #require(try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(draft))))
        let author = try #require(stored["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let publish = "mutation ($id: ID!) { publishPost(id: $id) { status } }"
        func run(_ id: String) async -> [MutationFixtures.ClientError] {
            MutationFixtures.errors(
                await gateway.execute(publish, variables: ["id": .string(id)], viewer: caller.viewer(author)).result)
        }
        let signIn = MutationFixtures.ClientError("Sign in to see publishing posts.", "UNAUTHENTICATED", nil)
        switch caller.testDescription {
        case "anonymous":
            #expect(await run(draft) == [signIn])
            #expect(await run(published) == [signIn])
        case "a patient", "another doctor":
            #expect(await run(draft) == [.init("No post has that ID.", "NOT_FOUND", "id")])
            #expect(
                await run(published) == [.init("You may not see publishing someone else's post.", "FORBIDDEN", nil)])
        default:
            #expect(await run(draft) == [])
        }
        let status = try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(draft)))?["status"]
        #expect(status == .string(caller.seesDraft ? "PUBLISHED" : "DRAFT"))
    }

    @Test("liking a draft: NOT_FOUND for a stranger, as if it did not exist; CONFLICT for its author")
    func likeDraft() async throws {
        let gateway = try await MutationFixtures.shared()
        let draft = try await MutationFixtures.post(gateway, status: "DRAFT")
        let stored = try #require(try await gateway.stores.mongo.collection("posts").findOne(.eq("_id", .string(draft))))
        let author = try #require(stored["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let like = "mutation ($id: ID!) { likePost(id: $id) { id } }"
        let stranger = await gateway.execute(
            like, variables: ["id": .string(draft)], viewer: .user(id: UUID(), role: .patient)).result
        #expect(MutationFixtures.errors(stranger) == [.init("No post has that ID.", "NOT_FOUND", "id")])
        let own = await gateway.execute(like, variables: ["id": .string(draft)], viewer: .user(id: author, role: .doctor)).result
        #expect(
            MutationFixtures.errors(own) == [
                .init("The post is not published; only a published post can be liked.", "CONFLICT", "id")
            ])
    }
}
