import Foundation
import Testing

/// `chorus serve` with its default flags refuses hostile documents by the count they exceed,
/// `422` with `LIMIT_EXCEEDED` naming the limit, and goes on answering.
@Suite(.serialized) struct HostileDocumentHTTPTests {
    /// `{ ...F0 }` where each fragment spreads the next `width` times, `levels` deep.
    static func fragmentBomb(levels: Int, width: Int = 2) -> String {
        var text = "{ ...F0 }"
        for level in 0..<levels {
            text += " fragment F\(level) on Query { " + String(repeating: "...F\(level + 1) ", count: width) + "}"
        }
        return text + " fragment F\(levels) on Query { __typename }"
    }

    static var refused: [(name: String, query: String, variables: [String: Any], limit: String)] {[
        ("fragment bomb of 40 levels", fragmentBomb(levels: 40), [:], "selections"),
        ("fragment bomb of 64 levels", fragmentBomb(levels: 64), [:], "selections"),
        ("wide fragment tree", fragmentBomb(levels: 12, width: 10), [:], "selections"),
        ("alias flood", "{ analytics { " + String(repeating: "a: __typename ", count: 2_000) + "} }", [:], "aliases"),
        ("directive flood", "{ analytics { " + String(repeating: "__typename @include(if: true) ", count: 800) + "} }", [:],
         "directives"),
        ("nested introspection", "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }", [:],
         "introspectionDepth"),
        // Written defaults of 0, values of 1 and 100 sent: the cost counts what is sent.
        ("cost behind variables",
         """
         query($m: Int = 0, $n: Int = 0) { doctors(first: $m) { nodes { consultations(first: $n) { nodes { doctor {
           consultations(first: $n) { nodes { doctor { consultations(first: $n) { nodes { id } } } } } } } } } } }
         """, ["m": 1, "n": 100], "cost"),
    ]}

    @Test func hostileDocumentsAreRefusedAndTheServerGoesOn() async throws {
        let server = try await ChorusServer.start(environment: try await HTTPEndToEndTests.seeded.value)
        do {
            for document in Self.refused {
                let response = try await server.graphQL(document.query, variables: document.variables)
                #expect(response.status == 422, "\(document.name)")
                #expect(response.body["data"] == nil, "\(document.name)")
                let errors = response.body["errors"] as? [[String: Any]] ?? []
                let limits = errors.compactMap { ($0["extensions"] as? [String: Any])?["limit"] as? String }
                #expect(limits == [document.limit], "\(document.name): \(errors)")
                let typename = try await server.graphQL("{ __typename }")
                #expect(typename.status == 200)
                #expect((typename.body["data"] as? [String: String]) == ["__typename": "Query"])
            }
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
    }
}
