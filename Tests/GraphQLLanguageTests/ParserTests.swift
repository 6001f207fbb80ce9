import Testing

@testable import GraphQLLanguage

@Suite struct ParserTests {
    /// Every syntax error the parser reports, with graphql-js 16's message and location.
    @Test(arguments: [
        ("", "1:1 Syntax Error: Unexpected <EOF>."),
        ("{", "1:2 Syntax Error: Expected Name, found <EOF>."),
        ("{}", "1:2 Syntax Error: Expected Name, found \"}\"."),
        ("{ a }}", "1:6 Syntax Error: Unexpected \"}\"."),
        ("query", "1:6 Syntax Error: Expected \"{\", found <EOF>."),
        ("notAnOperation Foo { field }", "1:1 Syntax Error: Unexpected Name \"notAnOperation\"."),
        ("...", "1:1 Syntax Error: Unexpected \"...\"."),
        ("{ ...MissingOn }\nfragment MissingOn Type", "2:20 Syntax Error: Expected \"on\", found Name \"Type\"."),
        ("{ field: {} }", "1:10 Syntax Error: Expected Name, found \"{\"."),
        ("{ field(arg: {a: 1, b}) }", "1:22 Syntax Error: Expected \":\", found \"}\"."),
        ("{ a(x: [1, 2}) }", "1:13 Syntax Error: Unexpected \"}\"."),
        ("{ a: b: c }", "1:7 Syntax Error: Expected Name, found \":\"."),
        ("{ a @ }", "1:7 Syntax Error: Expected Name, found \"}\"."),
        ("{ $ }", "1:3 Syntax Error: Expected Name, found \"$\"."),
        ("{ ...on on }", "1:12 Syntax Error: Expected \"{\", found \"}\"."),
        ("fragment on on on { on }", "1:10 Syntax Error: Unexpected Name \"on\"."),
        ("{ ...on }", "1:9 Syntax Error: Expected Name, found \"}\"."),
        ("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }", "1:37 Syntax Error: Unexpected variable \"$var\" in constant value."),
        ("query Foo($x: Int = $) { field }", "1:21 Syntax Error: Unexpected \"$\"."),
        ("query Q($v: Int = $x) { a }", "1:19 Syntax Error: Unexpected variable \"$x\" in constant value."),
        ("query Q($v) { a }", "1:11 Syntax Error: Expected \":\", found \")\"."),
        ("query Q($v: ) { a }", "1:13 Syntax Error: Expected Name, found \")\"."),
        ("query Q($v: [Int) { a }", "1:17 Syntax Error: Expected \"]\", found \")\"."),
        ("query Q() { a }", "1:9 Syntax Error: Expected \"$\", found \")\"."),
        ("type T { a(: Int }", "1:12 Syntax Error: Expected Name, found \":\"."),
        ("input I { a: Int = $x }", "1:20 Syntax Error: Unexpected variable \"$x\" in constant value."),
        ("enum E { true }", "1:10 Syntax Error: Name \"true\" is reserved and cannot be used for an enum value."),
        ("enum E { null }", "1:10 Syntax Error: Name \"null\" is reserved and cannot be used for an enum value."),
        ("enum E { \"d\" \"false\" }", "1:14 Syntax Error: String \"false\" is reserved and cannot be used for an enum value."),
        ("extend type T", "1:14 Syntax Error: Unexpected <EOF>."),
        ("extend schema", "1:14 Syntax Error: Unexpected <EOF>."),
        ("extend scalar S", "1:16 Syntax Error: Unexpected <EOF>."),
        ("extend union U", "1:15 Syntax Error: Unexpected <EOF>."),
        ("extend enum E", "1:14 Syntax Error: Unexpected <EOF>."),
        ("extend input I", "1:15 Syntax Error: Unexpected <EOF>."),
        ("extend interface I", "1:19 Syntax Error: Unexpected <EOF>."),
        ("extend foo T", "1:8 Syntax Error: Unexpected Name \"foo\"."),
        ("\"desc\" extend type T { a: Int }", "1:1 Syntax Error: Unexpected description, descriptions are supported only on type definitions."),
        ("\"desc\" foo", "1:1 Syntax Error: Unexpected description, descriptions are supported only on type definitions."),
        ("\"desc\" { a }", "1:8 Syntax Error: Unexpected \"{\"."),
        ("directive @d on FOO", "1:17 Syntax Error: Unexpected Name \"FOO\"."),
        ("directive @d(a: Int) repeatable FIELD", "1:33 Syntax Error: Expected \"on\", found Name \"FIELD\"."),
        ("schema { query: Q mutation }", "1:28 Syntax Error: Expected \":\", found \"}\"."),
        ("schema { }", "1:10 Syntax Error: Expected Name, found \"}\"."),
        ("type T { a: Int", "1:16 Syntax Error: Expected Name, found <EOF>."),
        ("type T { }", "1:10 Syntax Error: Expected Name, found \"}\"."),
        ("type T implements { a: Int }", "1:19 Syntax Error: Expected Name, found \"{\"."),
        ("union U = ", "1:11 Syntax Error: Expected Name, found <EOF>."),
        ("union U = A |", "1:14 Syntax Error: Expected Name, found <EOF>."),
        ("scalar", "1:7 Syntax Error: Expected Name, found <EOF>."),
        ("type T { a: [Int }", "1:18 Syntax Error: Expected \"]\", found \"}\"."),
        ("type T { a: Int! ! }", "1:18 Syntax Error: Expected Name, found \"!\"."),
    ])
    func syntaxErrors(text: String, expected: String) {
        #expect(syntaxError(text) == expected)
    }

    @Test func parsesShorthandQueryAndOperations() throws {
        let document = try parse("{ a } query Q { b } mutation M { c } subscription S { d }")
        let operations = document.definitions.compactMap { definition -> (OperationType, String?)? in
            guard case .operation(let operation) = definition else { return nil }
            return (operation.operation, operation.name?.value)
        }
        #expect(operations.map(\.0) == [.query, .query, .mutation, .subscription])
        #expect(operations.map(\.1) == [nil, "Q", "M", "S"])
    }

    @Test func parsesFieldsWithAliasesArgumentsDirectivesAndSelections() throws {
        let document = try parse(#"{ alias: field(a: 1, b: "x") @skip(if: false) { child } }"#)
        guard case .operation(let operation) = document.definitions.first,
            case .field(let field) = operation.selectionSet.selections.first
        else {
            Issue.record("expected an operation with a field")
            return
        }
        #expect(field.alias?.value == "alias")
        #expect(field.name.value == "field")
        #expect(field.responseKey == "alias")
        #expect(field.arguments.map(\.name.value) == ["a", "b"])
        #expect(field.arguments.first?.value == .int(IntValue(value: "1", location: Location(start: 0, end: 0))))
        #expect(field.directives.map(\.name.value) == ["skip"])
        #expect(field.selectionSet?.selections.count == 1)
    }

    @Test func recordsLocationsAsByteOffsets() throws {
        let document = try parse("query Q {\n  f(a: \"é😀\")\n}")
        guard case .operation(let operation) = document.definitions.first,
            case .field(let field) = operation.selectionSet.selections.first
        else {
            Issue.record("expected an operation")
            return
        }
        #expect(operation.location.start == 0)
        #expect(operation.location.end == 28)
        #expect(field.location.start == 12)
        #expect(field.location.end == 26)
        // Columns count UTF-16 units: "é" is one, "😀" two.
        #expect(syntaxError("{ f(a: \"é😀\") ~ }") == "1:15 Syntax Error: Unexpected character: \"~\".")
        // "é" is not a name character.
        #expect(syntaxError("query Q {\n  é: f\n}") == "2:3 Syntax Error: Unexpected character: U+00E9.")
    }

    @Test func parsesExecutableDescriptions() throws {
        let text = """
            "Fetch a user"
            query User("the id" $id: ID!) { user(id: $id) { ...F } }
            \"""A fragment\"""
            fragment F on User { name }
            """
        let document = try parse(text)
        guard case .operation(let operation) = document.definitions.first,
            case .fragment(let fragment) = document.definitions.last
        else {
            Issue.record("expected an operation and a fragment")
            return
        }
        #expect(operation.description?.value == "Fetch a user")
        #expect(operation.variableDefinitions.first?.description?.value == "the id")
        #expect(fragment.description?.value == "A fragment")
        #expect(fragment.description?.block == true)
    }

    @Test func parsesEveryTypeSystemDefinitionKind() throws {
        let text = """
            "the schema" schema @a { query: Q mutation: M }
            scalar S @specifiedBy(url: "https://example.com")
            type Q implements & I & J @a { f(a: Int = 1 @b): [S!]! @deprecated }
            interface I implements J { f: Int }
            union U = | A | B
            enum E { A @deprecated(reason: "x") B }
            input In @oneOf { a: Int, b: String }
            directive @d(a: Int) repeatable on FIELD | QUERY
            extend schema @a
            extend scalar S @a
            extend type Q { g: Int }
            extend interface I @a
            extend union U = C
            extend enum E { C }
            extend input In { c: Int }
            """
        let document = try parse(text)
        let kinds = document.definitions.map { definition -> String in
            switch definition {
            case .schema: "schema"
            case .type(let type): "type \(type.name.value)"
            case .directive(let directive): "directive \(directive.name.value)"
            case .schemaExtension: "extend schema"
            case .typeExtension(let type): "extend \(type.name.value)"
            case .operation, .fragment: "executable"
            }
        }
        #expect(
            kinds == [
                "schema", "type S", "type Q", "type I", "type U", "type E", "type In", "directive d",
                "extend schema", "extend S", "extend Q", "extend I", "extend U", "extend E", "extend In",
            ])
        guard case .directive(let directive) = document.definitions[7] else { return }
        #expect(directive.repeatable)
        #expect(directive.locations.map(\.value) == ["FIELD", "QUERY"])
    }

    @Test func parsesLoneValuesAndTypes() throws {
        #expect(Printer.print(try parseValue(Source(body: #"[1, "a", {b: $c}]"#))) == #"[1, "a", {b: $c}]"#)
        #expect(Printer.print(try parseType(Source(body: "[String!]!"))) == "[String!]!")
        #expect(throws: GraphQLError.self) { try parseValue(Source(body: "1 2")) }
    }
}

@Suite struct LimitTests {
    @Test func tokenLimitIsASyntaxError() {
        let options = ParseOptions(maxTokens: 5, maxDepth: nil)
        #expect(syntaxError("{ a b }", options: options) == nil)
        #expect(
            syntaxError("{ a b c d }", options: options)
                == "1:11 Syntax Error: Document contains more than 5 tokens. Parsing aborted.")
    }

    @Test(arguments: [
        ("{ a { b { c } } }", nil),
        ("{ a { b { c { d } } } }", "1:13 Syntax Error: Document is nested more than 3 levels deep. Parsing aborted."),
        ("{ a(x: [[1]]) }", nil),
        ("{ a(x: [[[1]]]) }", "1:10 Syntax Error: Document is nested more than 3 levels deep. Parsing aborted."),
        ("{ a(x: {b: {c: 1}}) }", nil),
        ("{ a(x: {b: {c: {d: 1}}}) }", "1:16 Syntax Error: Document is nested more than 3 levels deep. Parsing aborted."),
        ("type T { a: [[[[Int]]]] }", "1:16 Syntax Error: Document is nested more than 3 levels deep. Parsing aborted."),
    ] as [(String, String?)])
    func depthLimitIsASyntaxError(text: String, expected: String?) {
        #expect(syntaxError(text, options: ParseOptions(maxTokens: nil, maxDepth: 3)) == expected)
    }

    @Test func hundredThousandNestedBracketsFailCleanly() {
        let brackets = String(repeating: "[", count: 100_000)
        #expect(
            syntaxError("{ a(x: \(brackets)) }")
                == "1:263 Syntax Error: Document is nested more than 256 levels deep. Parsing aborted.")
        let braces = String(repeating: "{ a ", count: 100_000)
        #expect(
            syntaxError(braces)
                == "1:1025 Syntax Error: Document is nested more than 256 levels deep. Parsing aborted.")
    }

    @Test func tenMegabyteDocumentFailsOnTheTokenLimit() {
        let fields = String(repeating: "field ", count: 10 * 1024 * 1024 / 6)
        let error = syntaxError("{ \(fields) }")
        #expect(error?.hasSuffix("Document contains more than 1000000 tokens. Parsing aborted.") == true)
    }

    @Test func tenMegabyteStringParses() throws {
        let text = "{ a(x: \"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\") }"
        let document = try parse(text)
        #expect(document.definitions.count == 1)
    }
}
