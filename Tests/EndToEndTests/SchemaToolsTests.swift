import Foundation
import Testing

/// The schema tools clients use, against `chorus serve` with its default flags (so its default
/// limits): graphql-js's and graphql-core's introspection queries with every option, the
/// schemas rebuilt from the answers, and the Python `gql` client fetching the schema and
/// running a query. `SchemaTools/graphql_js.mjs` imports Debian's node-graphql by path;
/// `SchemaTools/graphql_python.py` runs in `.chorus/schema-tools/venv`, which `scripts/test`
/// installs (gql and graphql-core, pinned).
@Suite(.serialized) struct SchemaToolsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let queryFields = "query fields: analytics,consultation,doctor,doctors,medicalRecord,node,nodes,post,posts,user,users"

    /// Runs `command` against a fresh `chorus serve`, given its `/graphql` URL.
    private func run(_ command: (String) -> [String]) async throws -> (status: Int32, output: String) {
        try await HTTPEndToEndTests.runClient(named: "schema-tools") { command($0 + "/graphql") }
    }

    @Test func graphQLJSIntrospectsAndRebuildsTheSchema() async throws {
        try #require(FileManager.default.fileExists(atPath: "/usr/share/nodejs/graphql/index.mjs"), "node-graphql is not installed")
        let script = Self.root.appendingPathComponent("Tests/EndToEndTests/SchemaTools/graphql_js.mjs").path
        let (status, output) = try await run { ["/usr/bin/node", script, $0] }
        #expect(status == 0, "graphql-js failed:\n\(output)")
        #expect(
            output.split(separator: "\n").map(String.init)
                == ["ok all options prints Query", "ok default options prints Query", Self.queryFields],
            "\(output)")
    }

    @Test func graphQLCoreAndGQLIntrospectAndQuery() async throws {
        let python = Self.root.appendingPathComponent(".chorus/schema-tools/venv/bin/python").path
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no schema tools environment at \(python): run the tests with scripts/test")
        let script = Self.root.appendingPathComponent("Tests/EndToEndTests/SchemaTools/graphql_python.py").path
        let (status, output) = try await run { [python, script, "--url", $0, "--token", ChorusServer.adminToken] }
        #expect(status == 0, "graphql-core or gql failed:\n\(output)")
        #expect(
            output.split(separator: "\n").map(String.init)
                == [
                    "ok graphql-core prints Query", Self.queryFields, "ok gql schema fetched",
                    "ok gql query 2 doctors, counts are ints: True", "PASS",
                ],
            "\(output)")
    }
}
