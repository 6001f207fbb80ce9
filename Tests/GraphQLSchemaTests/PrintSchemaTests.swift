import GraphQLLanguage
import GraphQLSchema
import Testing

/// A document and what graphql-js's `printSchema(buildSchema(document))` prints for it.
struct PrintCase: Sendable, CustomTestStringConvertible {
    var name: String
    var sdl: String
    var printed: String

    init(_ name: String, _ sdl: String, _ printed: String) {
        self.name = name
        self.sdl = sdl
        self.printed = printed
    }

    var testDescription: String { name }
}

/// `printSchema`, byte for byte as graphql-js 16.6 prints (plus ` @oneOf`, as graphql-js 17).
@Suite struct PrintSchemaTests {
    @Test(arguments: printCases)
    func printsLikeGraphQLJS(_ testCase: PrintCase) throws {
        #expect(printSchema(try build(testCase.sdl)) == testCase.printed)
    }

    @Test func printsOneOf() throws {
        let schema = try build("type Query { a(x: In): Int }\ninput In @oneOf { a: Int b: String }")
        #expect(printSchema(schema) == "type Query {\n  a(x: In): Int\n}\n\ninput In @oneOf {\n  a: Int\n  b: String\n}")
    }

    @Test func printingIsStable() throws {
        for testCase in printCases {
            let printed = printSchema(try build(testCase.sdl))
            #expect(printSchema(try build(printed)) == printed, "\(testCase.name)")
        }
    }

    /// graphql-js's `isPrintableAsBlockString`, seen through descriptions.
    @Test(arguments: [
        ("", "\"\"\"\"\"\"\nscalar S"),
        ("plain", "\"\"\"plain\"\"\"\nscalar S"),
        ("\nleading newline", "\"\\nleading newline\"\nscalar S"),
        ("trailing newline\n", "\"trailing newline\\n\"\nscalar S"),
        ("a\n  b\n  c", "\"\"\"\na\n  b\n  c\n\"\"\"\nscalar S"),
        ("  a\n  b", "\"  a\\n  b\"\nscalar S"),
        ("bell\u{07}", "\"bell\\u0007\"\nscalar S"),
        ("unit separator \u{1F}", "\"\"\"unit separator \u{1F}\"\"\"\nscalar S"),
    ])
    func descriptionsAsBlockStringsWhenPrintable(_ description: String, _ printed: String) throws {
        let sdl = "type Query { a: Int }\n" + Printer.printString(description) + " scalar S"
        let output = printSchema(try build(sdl))
        #expect(output.hasSuffix(printed))
    }
}

let printCases: [PrintCase] = [
    PrintCase(
        "schema definition omitted for conventional names",
        "type Query { a: Int }\ntype Mutation { b: Int }\ntype Subscription { c: Int }\n",
        "type Query {\n  a: Int\n}\n\ntype Mutation {\n  b: Int\n}\n\ntype Subscription {\n  c: Int\n}"
    ),
    PrintCase(
        "schema definition for other names",
        "schema { query: Root subscription: Events }\ntype Root { a: Int }\ntype Events { e: Int }\n",
        "schema {\n  query: Root\n  subscription: Events\n}\n\ntype Root {\n  a: Int\n}\n\ntype Events {\n  e: Int\n}"
    ),
    PrintCase(
        "schema description forces the schema definition",
        "\"The API\"\nschema { query: Query }\ntype Query { a: Int }\n",
        "\"\"\"The API\"\"\"\nschema {\n  query: Query\n}\n\ntype Query {\n  a: Int\n}"
    ),
    PrintCase(
        "descriptions",
        "\"\"\"\nA type\n  with an indented line\n\"\"\"\ntype Query {\n  \"first\"\n  a: Int\n  \"second\"\n  b(\n    \"an argument\"\n    x: Int = 1\n    y: String\n  ): String\n  \"\"\"\n  \\\"\"\"quotes\\\"\"\"\n  \"\"\"\n  c: Int\n}\n\"  leading space\"\nenum E {\n  \"one\"\n  A\n  B\n  \"three\"\n  C\n}\n\"ends with quote\\\"\"\ninput In {\n  \"f\"\n  f: Int\n  g: Int\n}\n\"\\ttab first\"\nscalar S\n\"line\\r\\nbreak\"\nscalar T\n",
        "\"\"\"\nA type\n  with an indented line\n\"\"\"\ntype Query {\n  \"\"\"first\"\"\"\n  a: Int\n\n  \"\"\"second\"\"\"\n  b(\n    \"\"\"an argument\"\"\"\n    x: Int = 1\n    y: String\n  ): String\n\n  \"\"\"\n  \\\"\"\"quotes\\\"\"\"\n  \"\"\"\n  c: Int\n}\n\n\"\"\"  leading space\"\"\"\nenum E {\n  \"\"\"one\"\"\"\n  A\n  B\n\n  \"\"\"three\"\"\"\n  C\n}\n\n\"\"\"\nends with quote\"\n\"\"\"\ninput In {\n  \"\"\"f\"\"\"\n  f: Int\n  g: Int\n}\n\n\"\"\"\ttab first\"\"\"\nscalar S\n\n\"line\\r\\nbreak\"\nscalar T"
    ),
    PrintCase(
        "deprecation",
        "type Query {\n  a: Int @deprecated\n  b: Int @deprecated(reason: \"No longer supported\")\n  c(x: Int @deprecated(reason: \"use y\"), y: Int): Int @deprecated(reason: \"Use \\\"d\\\"\")\n  d: Int @deprecated(reason: null)\n}\nenum E { A @deprecated B }\ninput In { f: Int @deprecated(reason: \"\") }\n",
        "type Query {\n  a: Int @deprecated\n  b: Int @deprecated\n  c(x: Int @deprecated(reason: \"use y\"), y: Int): Int @deprecated(reason: \"Use \\\"d\\\"\")\n  d: Int\n}\n\nenum E {\n  A @deprecated\n  B\n}\n\ninput In {\n  f: Int @deprecated(reason: \"\")\n}"
    ),
    PrintCase(
        "directives",
        "\"Marks\"\ndirective @tag(name: String!, \"weight\" weight: Int = 1) repeatable on OBJECT | FIELD_DEFINITION\ndirective @skip(if: Boolean!) on FIELD\ndirective @plain on SCHEMA\ntype Query { a: Int }\n",
        "\"\"\"Marks\"\"\"\ndirective @tag(\n  name: String!\n\n  \"\"\"weight\"\"\"\n  weight: Int = 1\n) repeatable on OBJECT | FIELD_DEFINITION\n\ndirective @plain on SCHEMA\n\ntype Query {\n  a: Int\n}"
    ),
    PrintCase(
        "scalars, interfaces, unions and order",
        "type Query implements Node & Named { id: ID! name: String }\ninterface Node { id: ID! }\ninterface Named implements Node { id: ID! name: String }\nunion U = Query | Other\nunion Empty\ntype Other { x: Float }\nscalar Date @specifiedBy(url: \"https://tools.ietf.org/html/rfc3339\")\ntype Bare\nscalar String\n",
        "type Query implements Node & Named {\n  id: ID!\n  name: String\n}\n\ninterface Node {\n  id: ID!\n}\n\ninterface Named implements Node {\n  id: ID!\n  name: String\n}\n\nunion U = Query | Other\n\nunion Empty\n\ntype Other {\n  x: Float\n}\n\nscalar Date @specifiedBy(url: \"https://tools.ietf.org/html/rfc3339\")\n\ntype Bare"
    ),
    PrintCase(
        "extensions merge into their types",
        "type Query { a: Int }\nextend type Query implements I { b: Int }\ninterface I { b: Int }\nextend interface I { c: Int }\nextend type Query { c: Int }\nenum E { A }\nextend enum E { B }\nunion U = Query\ntype O { o: Int }\nextend union U = O\ninput In { a: Int }\nextend input In { b: Int = 2 }\nscalar S\nextend scalar S @specifiedBy(url: \"ignored\")\n",
        "type Query implements I {\n  a: Int\n  b: Int\n  c: Int\n}\n\ninterface I {\n  b: Int\n  c: Int\n}\n\nenum E {\n  A\n  B\n}\n\nunion U = Query | O\n\ntype O {\n  o: Int\n}\n\ninput In {\n  a: Int\n  b: Int = 2\n}\n\nscalar S"
    ),
]
