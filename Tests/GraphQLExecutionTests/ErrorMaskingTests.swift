import GraphQLLanguage
import GraphQLSchema
import Testing

@testable import GraphQLExecution

/// A resolver's error that is not a `GraphQLError` reaches the client through `maskError`
/// when the request has one, at the field's path and locations, from a direct throw and from
/// a loader's failed value alike.
struct ErrorMaskingTests {
    private struct LeakyError: Error, CustomStringConvertible {
        var description: String { "SELECT secret FROM patients WHERE id = 42" }
    }

    private static let schema = try! buildSchema(Source(body: "type Query { direct: Int pending: Int fine: Int }"))
    private static let resolvers = Resolvers(fields: [
        "Query": [
            "direct": FieldResolver { _, _, _ in throw LeakyError() },
            "pending": .async { _, _, _ in throw LeakyError() },
            "fine": FieldResolver { _, _, _ in 1 },
        ]
    ])

    private func run(maskError: (@Sendable (any Error) -> GraphQLError)?) async throws -> ExecutionResult {
        let source = Source(body: "{ direct pending fine }")
        return await execute(
            ExecutionRequest(
                schema: Self.schema, document: try parse(source), source: source, resolvers: Self.resolvers,
                maskError: maskError))
    }

    @Test func maskedErrorsHideTheMessageAndKeepThePlace() async throws {
        let result = try await run { _ in
            GraphQLError(message: "Internal server error.", extensions: ["code": "INTERNAL_SERVER_ERROR"])
        }
        #expect(result.data.map(JSON.serialize) == #"{"direct":null,"pending":null,"fine":1}"#)
        #expect(result.errors.map(\.message) == ["Internal server error.", "Internal server error."])
        #expect(result.errors.map(\.path) == [[.key("direct")], [.key("pending")]])
        #expect(result.errors.map(\.locations) == [[SourceLocation(line: 1, column: 3)], [SourceLocation(line: 1, column: 10)]])
        #expect(result.errors.allSatisfy { $0.extensions == ["code": "INTERNAL_SERVER_ERROR"] })
    }

    @Test func withoutAMaskTheDescriptionIsTheMessage() async throws {
        let result = try await run(maskError: nil)
        #expect(result.errors.map(\.message) == Array(repeating: "SELECT secret FROM patients WHERE id = 42", count: 2))
    }
}
