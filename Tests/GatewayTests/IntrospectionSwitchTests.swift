import GraphQLExecution
import GraphQLSchema
import Prometheus
import Testing

@testable import Gateway

/// `chorus serve --no-introspection`: the schema cannot be read, `__typename` still works.
struct IntrospectionSwitchTests {
    /// As graphql-js's NoSchemaIntrospectionCustomRule: every field of an introspection type.
    @Test(arguments: [
        (
            "{ __schema { queryType { name } } }",
            [
                #"GraphQL introspection has been disabled, but the requested query contained the field "__schema"."#,
                #"GraphQL introspection has been disabled, but the requested query contained the field "queryType"."#,
            ]
        ),
        (
            #"{ __type(name: "User") { name } }"#,
            [#"GraphQL introspection has been disabled, but the requested query contained the field "__type"."#]
        ),
    ])
    func refused(query: String, messages: [String]) async throws {
        let stores = try MutationFixtures.stores()
        defer { Task { await stores.shutdown() } }
        var configuration = GatewayConfiguration()
        configuration.introspection = false
        let gateway = try Gateway(stores: stores, configuration: configuration, registry: PrometheusCollectorRegistry())
        let refused = await gateway.execute(query).result
        #expect(refused.data == nil)
        #expect(refused.errors.map(\.message) == messages)
        let typename = await gateway.execute("{ __typename }").result
        #expect(typename.errors.isEmpty)
        #expect(typename.data?[field: "__typename"] == .string("Query"))
    }
}
