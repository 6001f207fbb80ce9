import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import Testing

/// Our answer to graphql-js's `getIntrospectionQuery()` with every option on must let
/// graphql-js's `buildClientSchema` rebuild the very schema we serve: the same SDL as
/// graphql-js prints for `buildSchema` of our source.
@Suite("Introspection round trip through graphql-js buildClientSchema")
struct IntrospectionRoundTripTests {
    private struct RoundTripAnswer: Codable {
        var id: String
        var expected: String
        var actual: String
    }

    /// Every SDL file of the corpus plus the schema kitchen sink (they are valid schemas).
    static let schemaFiles: [String] = {
        let corpus = Oracle.fixtures.appendingPathComponent("corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return files.filter { $0.hasPrefix("schema-") && $0.hasSuffix(".graphql") }.sorted().map { "corpus/" + $0 }
            + ["schema-kitchen-sink.graphql"]
    }()

    @Test func corpusSchemasRebuildIdentically() async throws {
        #expect(Self.schemaFiles.count >= 4)
        let query = String(decoding: try Oracle.node("introspection-roundtrip.mjs", arguments: ["--query"]), as: UTF8.self)
        // [{"id", "sdl", "response"}], the response spliced in as our engine wrote it.
        var cases = JSON.Writer()
        cases.writeRaw("[")
        for (index, file) in Self.schemaFiles.enumerated() {
            let sdl = String(decoding: try Data(contentsOf: Oracle.fixtures.appendingPathComponent(file)), as: UTF8.self)
            let schema = try buildSchema(Source(body: sdl, name: file))
            let result = await executeRequest(schema: schema, source: Source(body: query, name: "introspection"))
            #expect(result.errors.isEmpty, "\(file): \(result.errors)")
            if index > 0 { cases.writeRaw(",") }
            cases.writeRaw(#"{"id":"#)
            cases.writeString(file)
            cases.writeRaw(#","sdl":"#)
            cases.writeString(sdl)
            cases.writeRaw(#","response":"#)
            cases.writeRaw(result.json())
            cases.writeRaw("}")
        }
        cases.writeRaw("]")
        let output = try Oracle.node("introspection-roundtrip.mjs", input: Data(cases.bytes))
        let answers = try JSONDecoder().decode([RoundTripAnswer].self, from: output)
        #expect(answers.count == Self.schemaFiles.count)
        for answer in answers {
            #expect(answer.actual == answer.expected, "\(answer.id) does not rebuild identically")
        }
    }

    @Test func introspectionCanBeTurnedOff() async throws {
        let schema = try buildSchema(Source(body: "type Query { a: Int }"))
        let result = await executeRequest(
            schema: schema, source: Source(body: "{ __schema { queryType { name } } a }"), rootValue: .json(.object([])),
            introspection: false)
        #expect(result.data == nil)
        // As graphql-js's rule: every field whose type is an introspection type is reported.
        #expect(
            result.errors.map(\.message) == [
                "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\".",
                "GraphQL introspection has been disabled, but the requested query contained the field \"queryType\".",
            ])
        let typename = await executeRequest(
            schema: schema, source: Source(body: "{ __typename }"), introspection: false)
        #expect(typename.json() == #"{"data":{"__typename":"Query"}}"#)
    }
}
