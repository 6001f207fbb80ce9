import Testing

@testable import GraphQLLanguage

/// A small deterministic generator (SplitMix64), so every run tries the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct HostileInputTests {
    /// Random bytes, decoded the way the CLI and server decode them (invalid UTF-8 becomes
    /// U+FFFD), either parse or fail with a located syntax error; whatever parses round-trips.
    @Test(arguments: 0..<4)
    func randomBytesNeverCrash(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed))
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<200, using: &random)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            try expectParsesOrFailsCleanly(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Random soups of GraphQL punctuation, keywords and literals reach deep into the parser.
    @Test(arguments: 0..<4)
    func tokenSoupNeverCrashes(seed: Int) throws {
        let pieces = [
            "{", "}", "(", ")", "[", "]", ":", "=", "@", "$", "!", "|", "&", "...", ",", "\n", " ", "#c\n",
            "query", "mutation", "subscription", "fragment", "on", "type", "interface", "union", "enum",
            "input", "scalar", "schema", "directive", "extend", "implements", "repeatable", "true", "null",
            "a", "b", "1", "-1.5e3", "\"s\"", "\"\"\"b\"\"\"", "\"\\u{1F600}\"", "01", "\"", "'", "é", "\u{FEFF}",
        ]
        var random = SplitMix64(state: UInt64(1000 + seed))
        for _ in 0..<3_000 {
            let count = Int.random(in: 1..<60, using: &random)
            let text = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ")
            try expectParsesOrFailsCleanly(text)
        }
    }

    private func expectParsesOrFailsCleanly(_ text: String) throws {
        do {
            let document = try parse(Source(body: text))
            let printed = Printer.print(document)
            #expect(try parse(Source(body: printed)) == document, "round trip of \(text.debugDescription)")
        } catch let error as GraphQLError {
            #expect(error.message.hasPrefix("Syntax Error: "))
            #expect(error.locations.count == 1)
        }
    }
}
