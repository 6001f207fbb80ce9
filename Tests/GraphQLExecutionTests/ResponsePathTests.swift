import GraphQLLanguage
import GraphQLSchema
import Testing

@testable import GraphQLExecution

/// A field's `ResponsePath` is made only when something asks for it (`PathStep`), and the
/// object types an abstract field's values resolve to are remembered per collected field:
/// neither may change what a resolver sees or what an error says.
struct ResponsePathTests {
    static let schema = try! buildSchema(
        Source(
            body: """
                type Query { items: [Item!]! here: String! things: [Thing] }
                type Item { path: String! inner: [Inner!]! }
                type Inner { path: String! }
                union Thing = A | B
                type A { a: String }
                type B { b: String }
                """))

    @Test func aResolverSeesItsFullPath() async throws {
        let path = FieldResolver { _, _, info in
            .json(.string(info.path.components.map { "\($0)" }.joined(separator: "/")))
        }
        let resolvers = Resolvers(fields: [
            "Query": [
                "here": path,
                "items": FieldResolver { _, _, _ in .list([.json(.object([])), .json(.object([]))]) },
            ],
            "Item": ["path": path, "inner": FieldResolver { _, _, _ in .list([.json(.object([]))]) }],
            "Inner": ["path": path],
        ])
        let source = Source(body: "{ here items { path inner { p: path } } }")
        let result = await execute(
            ExecutionRequest(schema: Self.schema, document: try parse(source), source: source, resolvers: resolvers))
        #expect(
            result.json()
                == #"{"data":{"here":"here","items":[{"path":"items/0/path","inner":[{"p":"items/0/inner/0/p"}]},{"path":"items/1/path","inner":[{"p":"items/1/inner/0/p"}]}]}}"#
        )
    }

    @Test func abstractValuesResolveEachTimeAndABadNameFailsEachTime() async throws {
        let root = try JSON.parse(
            #"{"things": [{"__typename": "A", "a": "1"}, {"__typename": "B", "b": "2"}, {"__typename": "C"}, {"__typename": "A", "a": "3"}, {"__typename": "C"}]}"#
        )
        let source = Source(body: "{ things { ... on A { a } ... on B { b } } }")
        let result = await execute(
            ExecutionRequest(schema: Self.schema, document: try parse(source), source: source, rootValue: .json(root)))
        let error = #"Abstract type \"Thing\" was resolved to a type \"C\" that does not exist inside the schema."#
        #expect(
            result.json()
                == #"{"errors":[{"message":"\#(error)","locations":[{"line":1,"column":3}],"path":["things",2]},{"message":"\#(error)","locations":[{"line":1,"column":3}],"path":["things",4]}],"data":{"things":[{"a":"1"},{"b":"2"},null,{"a":"3"},null]}}"#
        )
    }
}
