import Foundation
import Gateway
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// Schema tools read the schema with their library's standard introspection query (GraphiQL,
/// graphql-codegen and rover with graphql-js's, Python's `gql` with graphql-core's), nested
/// deeper than the depth limit: it passes every default limit, cost included.
struct IntrospectionQueryTests {
    static let schema = try! Gateway.schema()
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/corpus").standardizedFileURL

    @Test(arguments: [
        "introspection-default.graphql", "introspection-all-options.graphql", "introspection-no-descriptions.graphql",
        "introspection-graphql-core.graphql",
    ])
    func theStandardQueriesPassTheDefaultLimits(file: String) async throws {
        let source = Source(body: try String(contentsOf: Self.corpus.appendingPathComponent(file), encoding: .utf8))
        let configuration = GatewayConfiguration()
        let document = try parse(source, options: configuration.parseOptions)
        let errors = validate(
            schema: Self.schema, document: document, source: source,
            rules: specifiedRules + [OperationLimitsRule(limits: configuration.limits)])
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        let result = await execute(
            ExecutionRequest(schema: Self.schema, document: document, source: source, limits: configuration.limits))
        #expect(result.errors.map(\.message) == [])
        guard case .object(let data)? = result.data, case .object(let introspection)? = data.first?.value else {
            Issue.record("no __schema in \(String(describing: result.data))")
            return
        }
        guard case .list(let types)? = introspection.first(where: { $0.name == "types" })?.value else {
            Issue.record("no types")
            return
        }
        #expect(types.count == Self.schema.types.count)
    }
}
