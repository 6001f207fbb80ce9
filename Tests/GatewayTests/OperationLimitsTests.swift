import Gateway
import GraphQLExecution
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

    /// The worst-case cost of a query with these variables (as JSON), as execution computes it
    /// once the variables are coerced, read back through a limit of 0.
    private func cost(_ query: String, variables: String = "{}") async throws -> Int {
        guard case .object(let entries) = try JSON.parse(variables) else { return -1 }
        let result = await execute(
            ExecutionRequest(
                schema: Self.schema, document: try parse(Source(body: query)),
                variableValues: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) }),
                limits: OperationLimits(maxCost: 0)))
        guard let message = result.errors.first?.message, let range = message.range(of: "may cost ") else { return 0 }
        return Int(message[range.upperBound...].prefix { $0.isNumber })!
    }

    @Test(arguments: [
        // A connection costs 1; its nodes repeat `first` times (default 20 for users).
        ("{ users(first: 2) { nodes { email } } }", "{}", 2),
        ("{ users { totalCount } }", "{}", 1),
        ("{ users(first: 5) { nodes { consultations(first: 3) { nodes { doctor { specialty } } } } } }", "{}", 1 + 1 + 5 * (1 + 1 + 3 * 1)),
        // The benchmark query: 100 users × consultations × doctor and record × posts × comments.
        ("""
         { users(first: 100) { nodes { email consultations(first: 20) { nodes { status doctor { specialty } record { diagnosis } } }
           posts(first: 20) { nodes { title comments(first: 20) { nodes { body } } } } } } }
         """, "{}", 8_402),
        // A variable counts with the value sent; not sent, the argument's default is what runs.
        ("query($n: Int) { doctors(first: $n) { nodes { user { email } } } }", "{}", 1 + 1 + 20 * 1),
        ("query($n: Int) { doctors(first: $n) { nodes { user { email } } } }", #"{"n": 100}"#, 1 + 1 + 100 * 1),
        ("query($n: Int) { doctors(first: $n) { nodes { user { email } } } }", #"{"n": null}"#, 1 + 1 + 20 * 1),
        ("query($n: Int = 3) { doctors(first: $n) { nodes { user { email } } } }", "{}", 1 + 1 + 3 * 1),
        ("query($n: Int = 3) { doctors(first: $n) { nodes { user { email } } } }", #"{"n": 90}"#, 1 + 1 + 90 * 1),
        // A list argument sizes by its length, literal or sent; fragments count where they are spread.
        ("{ nodes(ids: [\"a\", \"b\", \"c\"]) { ...F } } fragment F on User { doctorProfile { specialty } }", "{}", 1 + 3 * 1),
        ("query($ids: [ID!]!) { nodes(ids: $ids) { ...F } } fragment F on User { doctorProfile { specialty } }",
         #"{"ids": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]}"#, 1 + 12 * 1),
        ("{ analytics { topDoctors(limit: 7) { doctor { user { email } } } } }", "{}", 1 + 1 + 7 * (1 + 1)),
        ("query($l: Int = 1) { analytics { topDoctors(limit: $l) { doctor { user { email } } } } }", #"{"l": 100}"#, 1 + 1 + 100 * (1 + 1)),
        // The same fragment under connections of different sizes costs once per size.
        ("""
         { a: users(first: 2) { ...Page } b: users(first: 50) { ...Page } }
         fragment Page on UserConnection { nodes { doctorProfile { specialty } } }
         """, "{}", (1 + 1 + 2 * 1) + (1 + 1 + 50 * 1)),
    ])
    func costsFollowTheValuesSent(query: String, variables: String, expected: Int) async throws {
        #expect(try await cost(query, variables: variables) == expected)
    }

    /// The issue's query: defaults of 0 written by the client, values of 1 and 100 sent.
    @Test func variablesCannotHideTheCost() async throws {
        let query = """
            query($m: Int = 0, $n: Int = 0) { doctors(first: $m) { nodes { consultations(first: $n) { nodes { doctor {
              consultations(first: $n) { nodes { doctor { consultations(first: $n) { nodes { id } } } } } } } } } } }
            """
        // doctors 1 + nodes (1 + 0 × …): the defaults, when nothing is sent.
        #expect(try await cost(query) == 2)
        // The same as with literals: 1 + (1 + 1 × (1 + (1 + 100 × (1 + (1 + (1 + 100 × (1 + (1 + 1)))))))).
        #expect(try await cost(query, variables: #"{"m": 1, "n": 100}"#) == 30_304)
        let source = Source(body: query)
        let result = await execute(
            ExecutionRequest(
                schema: Self.schema, document: try parse(source), source: source,
                variableValues: ["m": .int(1), "n": .int(100)], limits: OperationLimits()))
        #expect(result.data == nil)
        #expect(result.errors.map(\.message) == ["The operation may cost 30304; at most 25000 is allowed (5304 over)."])
        #expect(result.errors.first?.extensions == ["code": "LIMIT_EXCEEDED", "limit": "cost"])
        #expect(result.errors.first?.locations == [SourceLocation(line: 1, column: 1)])
    }

    @Test(arguments: [
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
