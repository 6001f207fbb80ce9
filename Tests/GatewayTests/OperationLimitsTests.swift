import Gateway
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// Hostile queries are refused before execution, each error naming its limit and by how much
/// it is exceeded; costs follow the `@listSize` annotations of `schema/*.graphql`.
struct OperationLimitsTests {
    static let schema = try! Gateway.schema()
    static let limits = OperationLimits(maxDepth: 6, maxCost: 9_000, maxAliases: 3, maxRootFields: 4)

    private func errors(_ query: String, limits: OperationLimits = Self.limits) throws -> [GraphQLError] {
        let source = Source(body: query)
        return validate(
            schema: Self.schema, document: try parse(source), source: source,
            rules: specifiedRules + [OperationLimitsRule(limits: limits)])
    }

    /// The worst-case cost the rule computes, read back through a limit of 0.
    private func cost(_ query: String) throws -> Int {
        let limits = OperationLimits(maxDepth: 100, maxCost: 0, maxAliases: 100, maxRootFields: 100)
        guard let message = try errors(query, limits: limits).first?.message,
            let range = message.range(of: "may cost ")
        else { return 0 }
        return Int(message[range.upperBound...].prefix { $0.isNumber })!
    }

    @Test(arguments: [
        // A connection costs 1; its nodes repeat `first` times (default 20 for users).
        ("{ users(first: 2) { nodes { email } } }", 2),
        ("{ users { totalCount } }", 1),
        ("{ users(first: 5) { nodes { consultations(first: 3) { nodes { doctor { specialty } } } } } }", 1 + 1 + 5 * (1 + 1 + 3 * 1)),
        // The benchmark query: 100 users × consultations × doctor and record × posts × comments.
        ("""
         { users(first: 100) { nodes { email consultations(first: 20) { nodes { status doctor { specialty } record { diagnosis } } }
           posts(first: 20) { nodes { title comments(first: 20) { nodes { body } } } } } } }
         """, 8_402),
        // A variable's size is unknown before execution: the slicing argument's default counts.
        ("query($n: Int) { doctors(first: $n) { nodes { user { email } } } }", 1 + 1 + 20 * 1),
        ("query($n: Int = 3) { doctors(first: $n) { nodes { user { email } } } }", 1 + 1 + 3 * 1),
        // A list argument sizes by its length; fragments count where they are spread.
        ("{ nodes(ids: [\"a\", \"b\", \"c\"]) { ...F } } fragment F on User { doctorProfile { specialty } }", 1 + 3 * 1),
        ("{ analytics { topDoctors(limit: 7) { doctor { user { email } } } } }", 1 + 1 + 7 * (1 + 1)),
    ])
    func costsFollowTheListSizes(query: String, expected: Int) throws {
        #expect(try cost(query) == expected)
    }

    @Test(arguments: [
        ("{ users(first: 100) { nodes { consultations(first: 100) { nodes { patient { email } } } } } }",
         "The operation may cost 10202; at most 9000 is allowed (1202 over).", "cost"),
        ("query Deep { users { nodes { doctorProfile { user { doctorProfile { user { doctorProfile { specialty } } } } } } } }",
         "Operation \\\"Deep\\\" is 8 levels deep; at most 6 are allowed (2 too many).", "depth"),
        ("{ a: analytics { __typename } b: analytics { __typename } c: analytics { __typename } d: analytics { __typename } }",
         "The operation uses 4 aliases; at most 3 are allowed (1 too many).", "aliases"),
        ("{ analytics { __typename } users { totalCount } doctors { totalCount } posts { totalCount } node(id: \"x\") { id } }",
         "The operation selects 5 root fields; at most 4 are allowed (1 too many).", "rootFields"),
    ])
    func overALimitIsRefusedSayingWhichAndByHowMuch(query: String, message: String, limit: String) throws {
        let found = try errors(query)
        #expect(found.map(\.message) == [message.replacingOccurrences(of: "\\\"", with: "\"")])
        #expect(found.first?.extensions == ["code": "LIMIT_EXCEEDED", "limit": limit])
        #expect(found.first?.locations == [SourceLocation(line: 1, column: 1)])
    }

    @Test func fragmentsCountOnceForAliasesAndCyclesStop() throws {
        // Two spreads of a fragment with two aliases: 2 aliases, not 4.
        #expect(try errors("{ ...F ...F } fragment F on Query { x: analytics { __typename } y: analytics { __typename } }").isEmpty)
        // A fragment cycle is reported by its own rule; the limits rule does not loop.
        let cyclic = try errors("{ users { nodes { ...A } } } fragment A on User { doctorProfile { user { ...A } } }")
        #expect(cyclic.map(\.message) == ["Cannot spread fragment \"A\" within itself."])
    }

    @Test func theDefaultsAcceptTheBenchmarkQuery() throws {
        let query = """
            { users(first: 100) { nodes { email consultations(first: 20) { nodes { status doctor { specialty } record { diagnosis } } }
              posts(first: 20) { nodes { title comments(first: 20) { nodes { body } } } } } } }
            """
        #expect(try errors(query, limits: OperationLimits()).isEmpty)
    }
}
