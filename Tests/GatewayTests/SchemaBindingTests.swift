import Foundation
import GraphQLExecution
import Testing

@testable import Gateway

/// The SDL files are the single source of truth: the gateway refuses to start when a field
/// has no resolver or a resolver has no field, and SDL errors name their file and line.
struct SchemaBindingTests {
    private static func sdlFiles() throws -> [(name: String, text: String)] {
        try GatewaySchema.files(in: nil)
    }

    @Test func theSchemaAndTheResolversAgree() throws {
        let schema = try GatewaySchema.build(Self.sdlFiles())
        try GatewaySchema.checkBinding(schema, GatewayResolvers.all)
        #expect(schema.queryType?.field(named: "node") != nil)
    }

    @Test func aFieldWithoutAResolverStopsTheGateway() throws {
        let files = try Self.sdlFiles() + [("zz-extra.graphql", "extend type User { nickname: String }\n")]
        let schema = try GatewaySchema.build(files)
        #expect(throws: GatewayConfigurationError("the schema and the resolvers disagree:\n  User.nickname has no resolver")) {
            try GatewaySchema.checkBinding(schema, GatewayResolvers.all)
        }
    }

    @Test func aResolverWithoutAFieldStopsTheGateway() throws {
        let schema = try GatewaySchema.build(Self.sdlFiles())
        var resolvers = GatewayResolvers.all
        resolvers.fields["User"]?["nickname"] = .default
        resolvers.fields["Nobody"] = ["name": .default]
        #expect(
            throws: GatewayConfigurationError(
                """
                the schema and the resolvers disagree:
                  a resolver is bound to User.nickname, which the schema does not have
                  resolvers are bound to Nobody, which is not an object type of the schema
                """)
        ) {
            try GatewaySchema.checkBinding(schema, resolvers)
        }
    }

    @Test func errorsNameTheFileAndLine() throws {
        let files = [("a.graphql", "type Query {\n  a: Int\n}\n"), ("b.graphql", "type B {\n  b: Nope\n}\n")]
        #expect(throws: GatewayConfigurationError("the schema is not valid SDL:\nUnknown type \"Nope\".\n  at b.graphql:2:6")) {
            try GatewaySchema.build(files)
        }
    }
}
