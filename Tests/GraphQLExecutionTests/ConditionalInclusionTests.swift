import GraphQLLanguage
import GraphQLSchema
import Testing

@testable import GraphQLExecution

/// `@skip(if:)` and `@include(if:)` take a `Boolean!`: a nullable variable with a default that
/// validates there, but holds null at run time, is the error graphql-js 16 raises, at the
/// nearest field, never a selection run or skipped. The expected answers are graphql-js's
/// `execute` over the same schema, root and variables.
struct ConditionalInclusionTests {
    static let schema = try! buildSchema(Source(body: "type Query { a: String b: Q c: Q! } type Q { x: String y: String }"))
    static let root = try! JSON.parse(#"{"a": "A", "b": {"x": "X", "y": "Y"}, "c": {"x": "X", "y": "Y"}}"#)
    static let mustNotBeNull = #"Argument \"if\" of non-null type \"Boolean!\" must not be null."#

    @Test(arguments: [
        ("query($v: Boolean = true) { a @include(if: $v) }",
         #"{"errors":[{"message":"\#(mustNotBeNull)","locations":[{"line":1,"column":44}]}],"data":null}"#),
        ("query($v: Boolean = true) { a b { x @skip(if: $v) } }",
         #"{"errors":[{"message":"\#(mustNotBeNull)","locations":[{"line":1,"column":47}],"path":["b"]}],"data":{"a":"A","b":null}}"#),
        ("query($v: Boolean = false) { a c { ... @skip(if: $v) { x } } }",
         #"{"errors":[{"message":"\#(mustNotBeNull)","locations":[{"line":1,"column":50}],"path":["c"]}],"data":null}"#),
        ("query($v: Boolean = false) { a b { ...F @skip(if: $v) } } fragment F on Q { x }",
         #"{"errors":[{"message":"\#(mustNotBeNull)","locations":[{"line":1,"column":51}],"path":["b"]}],"data":{"a":"A","b":null}}"#),
        // A directive before it already left the field out.
        ("query($v: Boolean = true) { a @skip(if: true) @include(if: $v) }", #"{"data":{}}"#),
    ])
    func aNullConditionIsAnErrorAsInGraphQLJS(query: String, expected: String) async throws {
        let source = Source(body: query)
        let result = await execute(
            ExecutionRequest(
                schema: Self.schema, document: try parse(source), source: source, variableValues: ["v": .null],
                rootValue: .json(Self.root)))
        #expect(result.json() == expected)
    }
}
