import Batching
import GraphQLLanguage
import GraphQLSchema
import Synchronization
import Testing

@testable import GraphQLExecution

/// A social graph of users, their posts and the posts' comments, loaded through one loader
/// per relation, to prove that batches follow levels, not list sizes.
private let socialSchema = try! buildSchema(
    Source(
        body: """
            type Query { users(first: Int!): [User!]! }
            type User { id: ID! name: String! posts: [Post!]! }
            type Post { id: ID! title: String! comments: [Comment!]! }
            type Comment { id: ID! body: String! }
            """))

/// The loaders of one request, made with its scheduler.
private struct SocialLoaders: Sendable {
    let users: DataLoader<Int, FieldValue>
    let postsByUser: DataLoader<Int, [Int]>
    let commentsByPost: DataLoader<Int, [Int]>

    init(scheduler: BatchScheduler) {
        users = DataLoader(scheduler: scheduler) { ids in
            Dictionary(uniqueKeysWithValues: ids.map { id in
                (id, .success(FieldValue.json(.object([.init(name: "id", value: .string("u\(id)")), .init(name: "name", value: .string("User \(id)"))]))))
            })
        }
        postsByUser = DataLoader(scheduler: scheduler) { ids in
            Dictionary(uniqueKeysWithValues: ids.map { ($0, .success([$0 * 10, $0 * 10 + 1])) })
        }
        commentsByPost = DataLoader(scheduler: scheduler) { ids in
            Dictionary(uniqueKeysWithValues: ids.map { ($0, .success([$0 * 100])) })
        }
    }
}

private let socialResolvers = Resolvers(fields: [
    "Query": [
        "users": FieldResolver { _, arguments, info in
            let loaders = info.context as! SocialLoaders
            guard case .int(let first)? = arguments["first"] else { return .null }
            return .pending(loaders.users.loadMany(Array(1...first)).map { FieldValue.list($0) })
        }
    ],
    "User": [
        "posts": FieldResolver { parent, _, info in
            let loaders = info.context as! SocialLoaders
            guard case .json(.object(let entries)) = parent, case .string(let id)? = entries.first?.value,
                let userID = Int(id.dropFirst())
            else { return .null }
            return .pending(loaders.postsByUser.load(userID).map { ids in
                .list(ids.map { .json(.object([.init(name: "id", value: .int($0)), .init(name: "title", value: .string("Post \($0)"))])) })
            })
        }
    ],
    "Post": [
        "comments": FieldResolver { parent, _, info in
            let loaders = info.context as! SocialLoaders
            guard case .json(.object(let entries)) = parent, case .int(let postID)? = entries.first?.value else { return .null }
            return .pending(loaders.commentsByPost.load(postID).map { ids in
                .list(ids.map { .json(.object([.init(name: "id", value: .int($0)), .init(name: "body", value: .string("Comment \($0)"))])) })
            })
        }
    ],
])

@Suite struct BatchedExecutionTests {
    @Test func threeLevelsOverAThousandObjectsMakeThreeBatches() async throws {
        let source = Source(body: "{ users(first: 1000) { name posts { title comments { body } } } }")
        let scheduler = BatchScheduler()
        let loaders = SocialLoaders(scheduler: scheduler)
        let result = await execute(
            ExecutionRequest(
                schema: socialSchema, document: try parse(source), source: source, context: loaders,
                resolvers: socialResolvers, scheduler: scheduler))

        #expect(result.errors.isEmpty)
        #expect(loaders.users.batches.count == 1)
        #expect(loaders.users.batches.first?.count == 1000)
        #expect(loaders.postsByUser.batches.count == 1)
        #expect(loaders.postsByUser.batches.first == Array(1...1000))
        #expect(loaders.commentsByPost.batches.count == 1)
        #expect(loaders.commentsByPost.batches.first?.count == 2000)
        #expect(scheduler.batchCount == 3)

        guard case .object(let data)? = result.data, case .list(let users)? = data.first?.value else {
            Issue.record("no users in \(String(describing: result.data))")
            return
        }
        #expect(users.count == 1000)
        #expect(
            JSON.serialize(users[41])
                == #"{"name":"User 42","posts":[{"title":"Post 420","comments":[{"body":"Comment 42000"}]},{"title":"Post 421","comments":[{"body":"Comment 42100"}]}]}"#
        )
    }

    /// Async resolvers that await loaders batch just the same.
    @Test func asyncResolversBatchByLevel() async throws {
        let resolvers = Resolvers(fields: [
            "Query": socialResolvers.fields["Query"]!,
            "User": [
                "posts": .async { parent, _, info in
                    let loaders = info.context as! SocialLoaders
                    guard case .json(.object(let entries)) = parent, case .string(let id)? = entries.first?.value,
                        let userID = Int(id.dropFirst())
                    else { return .null }
                    let ids = try await loaders.postsByUser.value(for: userID)
                    return .list(ids.map { .json(.object([.init(name: "id", value: .int($0)), .init(name: "title", value: .string("P\($0)"))])) })
                }
            ],
        ])
        let source = Source(body: "{ users(first: 200) { posts { title } } }")
        let scheduler = BatchScheduler()
        let loaders = SocialLoaders(scheduler: scheduler)
        let result = await execute(
            ExecutionRequest(
                schema: socialSchema, document: try parse(source), source: source, context: loaders,
                resolvers: resolvers, scheduler: scheduler))
        #expect(result.errors.isEmpty)
        #expect(loaders.users.batches.count == 1)
        #expect(loaders.postsByUser.batches.count == 1)
        #expect(Set(loaders.postsByUser.batches[0]) == Set(1...200))
    }

    /// Mutation fields run one after another, each finished before the next starts.
    @Test func mutationFieldsRunSerially() async throws {
        let schema = try buildSchema(
            Source(body: "type Query { a: Int } type Mutation { step(n: Int!): Int! }"))
        let log = Mutex<[Int]>([])
        let resolvers = Resolvers(fields: [
            "Mutation": [
                "step": .async { _, arguments, _ in
                    guard case .int(let n)? = arguments["n"] else { return .null }
                    try await Task.sleep(for: .milliseconds(n == 1 ? 30 : 1))
                    log.withLock { $0.append(n) }
                    return .json(.int(n))
                }
            ]
        ])
        let source = Source(body: "mutation { a: step(n: 1) b: step(n: 2) c: step(n: 3) }")
        let result = await execute(
            ExecutionRequest(schema: schema, document: try parse(source), source: source, resolvers: resolvers))
        #expect(result.errors.isEmpty)
        #expect(log.withLock { $0 } == [1, 2, 3])
        #expect(result.data.map(JSON.serialize) == #"{"a":1,"b":2,"c":3}"#)
    }
}
