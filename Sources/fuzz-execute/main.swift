import Dispatch
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation

// libFuzzer target: any bytes as a request (parsed, validated with the specified rules and the
// operation limits, executed with default resolvers over a fixed JSON root) against a schema
// with every kind of type. Nothing may crash or hang; every outcome must be a response.
// Built and run by scripts/fuzz (swift build --sanitize=fuzzer).

let schema = try! buildSchema(
    Source(
        body: """
            interface Node { id: ID! }
            type User implements Node { id: ID! name: String friends(first: Int = 2): [User!]! role: Role pet: Pet }
            type Dog implements Node { id: ID! barks: Boolean }
            type Cat implements Node { id: ID! lives: Int }
            union Pet = Dog | Cat
            enum Role { ADMIN MEMBER }
            input Filter { name: String roles: [Role!] nested: Filter limit: Int = 5 }
            type Query {
              me: User
              node(id: ID!): Node
              search(filter: Filter, text: String = "x"): [Node]
              echo(value: String!, times: Int, float: Float, flag: Boolean): String
            }
            """))

let root = try! JSON.parse(
    """
    {"me": {"__typename": "User", "id": "1", "name": "Ada", "role": "ADMIN",
            "friends": [{"__typename": "User", "id": "2", "name": "Bob", "friends": [], "role": "MEMBER"}],
            "pet": {"__typename": "Dog", "id": "3", "barks": true}},
     "node": {"__typename": "Cat", "id": "4", "lives": 9},
     "search": [{"__typename": "Dog", "id": "3", "barks": false}, null, {"__typename": "User", "id": "1"}],
     "echo": "hello"}
    """)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExecute(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = Source(body: text)
    guard let document = try? parse(source, options: ParseOptions(maxTokens: 2_000, maxDepth: 64)) else { return 0 }
    let limits = OperationLimits(maxDepth: 10, maxCost: 1_000)
    let rules = specifiedRules + [OperationLimitsRule(limits: limits)]
    guard validate(schema: schema, document: document, source: source, rules: rules).isEmpty else { return 0 }
    let done = DispatchSemaphore(value: 0)
    Task {
        let result = await execute(
            ExecutionRequest(schema: schema, document: document, source: source, rootValue: .json(root), limits: limits))
        _ = result.json()
        done.signal()
    }
    done.wait()
    return 0
}
