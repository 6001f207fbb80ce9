import GraphQLLanguage
import GraphQLSchema
import Testing

@testable import GraphQLExecution

/// The document cache answers a text it has seen without calling `make`, keeps refusals too,
/// and stays within its bytes by dropping the least recently used entries.
struct DocumentCacheTests {
    /// An entry for `text`, counting the calls that had to make one.
    private func entry(_ cache: DocumentCache, _ text: String, made: inout [String]) -> DocumentCache.Entry {
        var calls: [String] = []
        let entry = cache.entry(for: text) {
            calls.append(text)
            do {
                let source = Source(body: text)
                return .parsed(source, try parse(source), validationErrors: [])
            } catch let error as GraphQLError {
                return .syntaxError(error)
            } catch {
                return .syntaxError(GraphQLError(message: "\(error)"))
            }
        }
        made += calls
        return entry
    }

    @Test func aTextSeenBeforeIsNotParsedAgain() {
        let cache = DocumentCache(maxBytes: 10_000)
        var made: [String] = []
        for text in ["{ a }", "{ b }", "{ a }", "{ a }", "{ b"] { _ = entry(cache, text, made: &made) }
        #expect(made == ["{ a }", "{ b }", "{ b"])
        #expect(cache.statistics == .init(entries: 3, bytes: (5 + 5 + 3) * DocumentCache.bytesPerSourceByte, hits: 2, misses: 3))
        // The syntax error is kept: a second time costs a lookup.
        guard case .syntaxError(let error) = entry(cache, "{ b", made: &made) else {
            Issue.record("not a syntax error")
            return
        }
        #expect(error.message == "Syntax Error: Expected Name, found <EOF>.")
        #expect(made.count == 3)
    }

    @Test func theLeastRecentlyUsedGoFirstPastTheBound() {
        // Room for four documents of 5 bytes (50 estimated bytes each).
        let cache = DocumentCache(maxBytes: 200)
        var made: [String] = []
        for text in ["{ a }", "{ b }", "{ c }", "{ d }", "{ a }", "{ e }"] { _ = entry(cache, text, made: &made) }
        // a was used again before e came, so b, the least recently used, went.
        #expect(cache.statistics.entries == 4)
        #expect(cache.statistics.bytes == 200)
        for text in ["{ a }", "{ c }", "{ d }", "{ e }", "{ b }"] { _ = entry(cache, text, made: &made) }
        #expect(made == ["{ a }", "{ b }", "{ c }", "{ d }", "{ e }", "{ b }"])
    }

    @Test func aDocumentOverAQuarterOfTheBoundIsNeverKept() {
        let cache = DocumentCache(maxBytes: 400)
        var made: [String] = []
        let large = "{ " + String(repeating: "a ", count: 10) + "}"  // 23 bytes: 230 estimated
        _ = entry(cache, large, made: &made)
        _ = entry(cache, large, made: &made)
        #expect(made.count == 2)
        #expect(cache.statistics == .init(entries: 0, bytes: 0, hits: 0, misses: 2))
    }
}
