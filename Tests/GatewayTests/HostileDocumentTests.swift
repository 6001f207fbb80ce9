import Gateway
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// Small documents that would make a server do exponential or unbounded work are refused by
/// the default limits, each by a count named in `extensions.limit`: the refusal is a matter
/// of counting, so these tests check what is counted, never how long it takes
/// (`chorus bench --hostile` measures that).
struct HostileDocumentTests {
    static let schema = try! Gateway.schema()

    /// The validation errors of a document under the gateway's default parse options and limits.
    private func errors(_ text: String) throws -> [GraphQLError] {
        let source = Source(body: text)
        let document = try parse(source, options: GatewayConfiguration().parseOptions)
        return validate(
            schema: Self.schema, document: document, source: source,
            rules: specifiedRules + [OperationLimitsRule(limits: GatewayConfiguration().limits)])
    }

    /// `{ ...F0 }` where each fragment spreads the next `width` times, `levels` deep, ending in `leaf`.
    static func fragmentBomb(levels: Int, width: Int = 2, leaf: String = "__typename") -> String {
        var text = "{ ...F0 }"
        for level in 0..<levels {
            text += " fragment F\(level) on Query { " + String(repeating: "...F\(level + 1) ", count: width) + "}"
        }
        return text + " fragment F\(levels) on Query { \(leaf) }"
    }

    static func powerOf(_ base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { product, _ in product.multipliedReportingOverflow(by: base).overflow ? Int.max : product * base }
    }

    @Test(arguments: [13, 16, 30, 40, 64])
    func aFragmentBombIsRefusedByItsSelectionsCount(levels: Int) throws {
        let selections = Self.powerOf(2, levels)
        let count = selections == Int.max ? "\(Int.max) or more" : "\(selections)"
        #expect(
            try errors(Self.fragmentBomb(levels: levels)).map(\.message) == [
                "The operation selects \(count) fields once its fragments are expanded; at most 5000 are allowed."
            ])
    }

    @Test func aFragmentBombWithAnUnknownFieldGetsBothErrors() throws {
        let found = try errors(Self.fragmentBomb(levels: 40, leaf: "nope"))
        #expect(
            found.map(\.message) == [
                "The operation selects 1099511627776 fields once its fragments are expanded; at most 5000 are allowed.",
                "Cannot query field \"nope\" on type \"Query\". Did you mean \"node\" or \"nodes\"?",
            ])
        #expect(found.first?.extensions == ["code": "LIMIT_EXCEEDED", "limit": "selections"])
    }

    @Test func aWideFragmentTreeIsRefused() throws {
        // Ten fragments each spreading the next ten times: 10^10 fields once expanded.
        #expect(
            try errors(Self.fragmentBomb(levels: 10, width: 10)).map(\.message) == [
                "The operation selects 10000000000 fields once its fragments are expanded; at most 5000 are allowed."
            ])
    }

    @Test func fieldsRepeatedThroughAliasedParentsAreRefusedByCount() throws {
        // Each level selects the next twice under two aliases: distinct paths, no merging.
        var text = "{ users { nodes { ...U0 } } }"
        for level in 0..<20 {
            text += " fragment U\(level) on User { a: doctorProfile { user { ...U\(level + 1) } } b: doctorProfile { user { ...U\(level + 1) } } }"
        }
        text += " fragment U20 on User { id }"
        let found = try errors(text)
        #expect(found.compactMap { $0.extensions["limit"] } == ["aliases", "depth", "selections"])
    }

    @Test func anAliasFloodIsRefused() throws {
        let same = "{ analytics { " + String(repeating: "a: __typename ", count: 3_000) + "} }"
        let distinct = "{ analytics { " + (0..<3_000).map { "a\($0): __typename" }.joined(separator: " ") + " } }"
        for text in [same, distinct] {
            #expect(
                try errors(text).map(\.message) == [
                    "The operation uses 3000 aliases; at most 30 are allowed (2970 too many)."
                ])
        }
    }

    @Test func aDirectiveFloodIsRefused() throws {
        // Repeating a directive that is not repeatable: 100 errors, then validation stops.
        let repeated = "{ analytics { __typename " + String(repeating: "@skip(if: false) ", count: 1_000) + "} }"
        let found = try errors(repeated)
        #expect(found.count == 101)
        #expect(found.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
        // Valid directives, one per field.
        let spread = "{ analytics { " + String(repeating: "__typename @include(if: true) ", count: 1_000) + "} }"
        #expect(
            try errors(spread).map(\.message) == [
                "The operation uses 1000 directives; at most 50 are allowed (950 too many)."
            ])
    }

    @Test func cyclicFragmentsWithSiblingsAreReportedAsGraphQLJSDoes() throws {
        let text = """
            { ...A }
            fragment A on Query { ...B ...B ...A __typename }
            fragment B on Query { ...A ...A ...B __typename }
            """
        #expect(
            try errors(text).map(\.message) == [
                "Cannot spread fragment \"A\" within itself via \"B\".",
                "Cannot spread fragment \"A\" within itself via \"B\".",
                "Cannot spread fragment \"B\" within itself.",
                "Cannot spread fragment \"A\" within itself.",
            ])
    }

    @Test func introspectionCannotBeNestedToAmplify() throws {
        let text = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
        let found = try errors(text)
        #expect(
            found.map(\.message) == [
                "The operation nests introspection lists (fields, inputFields, interfaces, possibleTypes) 3 deep; at most 2 are allowed (1 too many)."
            ])
        #expect(found.first?.extensions == ["code": "LIMIT_EXCEEDED", "limit": "introspectionDepth"])
        // Through fragments and `__type` too.
        let viaFragments = """
            { __type(name: "User") { ...T } }
            fragment T on __Type { interfaces { possibleTypes { ...P } } }
            fragment P on __Type { inputFields { name } }
            """
        #expect(try errors(viaFragments).compactMap { $0.extensions["limit"] } == ["introspectionDepth"])
    }
}
