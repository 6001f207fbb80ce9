import Foundation
import StoreTestSupport
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

    /// Runs `command` against a fresh `chorus serve` (its URL appended as the tool expects) and
    /// returns its exit status and output.
    private func run(_ command: (String) -> [String]) async throws -> (status: Int32, output: String) {
        let server = try await ChorusServer.start(environment: try await HTTPEndToEndTests.seeded.value)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schema-tools-\(UUID()).log").path
        let environment = ProcessInfo.processInfo.environment
        let status: Int32
        do {
            guard
                let pid = spawnInBackground(
                    command("http://127.0.0.1:\(server.port)/graphql"),
                    environment: ["PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": environment["HOME"] ?? "/tmp"],
                    log: log)
            else { throw ChorusServerError("cannot start \(command("")[0])") }
            status = try await waitForExit(pid)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
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
