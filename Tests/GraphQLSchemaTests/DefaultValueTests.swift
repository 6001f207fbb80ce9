import GraphQLLanguage
import GraphQLSchema
import Testing

/// Default values as graphql-js computes them (`valueFromAST`) and prints them (`astFromValue`):
/// `nil` where graphql-js prints no default. Expectations from graphql-js 16.6.
@Suite struct DefaultValueTests {
    static let prelude = """
        scalar JSON
        enum Color { RED GREEN }
        input In { a: Int = 5 b: Int! c: String = "x" }
        input Nest { in: In list: [In!] }

        """

    @Test(arguments: defaultValueCases)
    func printsDefault(_ type: String, _ literal: String, _ printed: String?) throws {
        let schema = try build(Self.prelude + "type Query { f(x: \(type) = \(literal)): Int }")
        let line = printSchema(schema).split(separator: "\n").first { $0.hasPrefix("  f(") }
        let expected = "  f(x: \(type)" + (printed.map { " = \($0)" } ?? "") + "): Int"
        #expect(line.map(String.init) == expected)
    }

    @Test func coercedValuesKeepTheirMeaning() throws {
        let schema = try build(Self.prelude + "type Query { f(a: [Int] = 1, b: In = {b: 2}, c: Color = RED, d: Float = 2, e: ID = 7): Int }")
        let arguments = schema.queryType!.field(named: "f")!.arguments
        #expect(arguments[0].defaultValue == .list([.int(1)]))
        #expect(arguments[1].defaultValue == .object([.init(name: "a", value: .int(5)), .init(name: "b", value: .int(2)), .init(name: "c", value: .string("x"))]))
        #expect(arguments[2].defaultValue == .enumValue("RED"))
        #expect(arguments[3].defaultValue == .float(2))
        #expect(arguments[4].defaultValue == .string("7"))
    }

    @Test func invalidDefaultIsAbsentAndNullIsKept() throws {
        let schema = try build("type Query { f(a: Int = \"no\", b: Int = null, c: Int! = 1): Int }")
        let arguments = schema.queryType!.field(named: "f")!.arguments
        #expect(arguments[0].defaultValue == nil)
        #expect(arguments[1].defaultValue == .null)
        #expect(arguments[2].isRequired == false)
    }

    @Test func selfReferentialDefaultsDoNotRecurseForever() throws {
        // graphql-js overflows its stack here; we give the inner reference no default.
        let schema = try build("type Query { a(x: R): Int }\ninput R { r: [R] = {} n: Int = 1 }")
        guard case .inputObject(let input)? = schema.type(named: "R") else { Issue.record("R missing"); return }
        #expect(input.field(named: "r")?.defaultValue == .list([.object([])]))
    }
}

let defaultValueCases: [(String, String, String?)] = [
    ("Int", "1", "1"),
    ("Int", "-0", "0"),
    ("Int", "2147483647", "2147483647"),
    ("Int", "2147483648", nil),
    ("Int", "-2147483649", nil),
    ("Int", "1.5", nil),
    ("Int", "\"1\"", nil),
    ("Int", "null", "null"),
    ("Int!", "null", nil),
    ("Float", "1", "1"),
    ("Float", "1.0", "1"),
    ("Float", "1.50", "1.5"),
    ("Float", "1e3", "1000"),
    ("Float", "1e21", "1e+21"),
    ("Float", "1.5e-7", "1.5e-7"),
    ("Float", "0.000001", "0.000001"),
    ("Float", "-0.0", "0"),
    ("Float", "\"1.5\"", nil),
    ("String", "\"a\\\"b\"", "\"a\\\"b\""),
    ("String", "\"\"\"block\"\"\"", "\"block\""),
    ("String", "\"\\u{00e9}\"", "\"é\""),
    ("String", "RED", nil),
    ("String", "1", nil),
    ("Boolean", "true", "true"),
    ("Boolean", "false", "false"),
    ("Boolean", "0", nil),
    ("ID", "\"123\"", "123"),
    ("ID", "123", "123"),
    ("ID", "\"0123\"", "\"0123\""),
    ("ID", "\"-5\"", "-5"),
    ("ID", "\"abc\"", "\"abc\""),
    ("ID", "1.5", nil),
    ("Color", "RED", "RED"),
    ("Color", "\"RED\"", nil),
    ("Color", "BLUE", nil),
    ("[Color]", "GREEN", "[GREEN]"),
    ("[Int]", "1", "[1]"),
    ("[Int]", "[1, 2]", "[1, 2]"),
    ("[Int]", "[1, null]", "[1, null]"),
    ("[Int!]", "[1, null]", nil),
    ("[Int]", "null", "null"),
    ("[[Int]]", "1", "[[1]]"),
    ("[[Int]]", "[1, [2]]", "[[1], [2]]"),
    ("[Int]!", "[]", "[]"),
    ("In", "{b: 1}", "{a: 5, b: 1, c: \"x\"}"),
    ("In", "{a: 1, b: 2, c: null}", "{a: 1, b: 2, c: null}"),
    ("In", "{c: \"y\", b: 3, a: 1}", "{a: 1, b: 3, c: \"y\"}"),
    ("In", "{a: 1}", nil),
    ("In", "{b: 1, d: 2}", "{a: 5, b: 1, c: \"x\"}"),
    ("In", "[{b: 1}]", nil),
    ("[In]", "{b: 1}", "[{a: 5, b: 1, c: \"x\"}]"),
    ("Nest", "{in: {b: 1}, list: {b: 2}}", "{in: {a: 5, b: 1, c: \"x\"}, list: [{a: 5, b: 2, c: \"x\"}]}"),
    ("Nest", "{}", "{}"),
    ("JSON", "1", "1"),
    ("JSON", "1.0", "1"),
    ("JSON", "\"s\"", "\"s\""),
    ("JSON", "RED", "\"RED\""),
    ("JSON", "true", "true"),
    ("JSON", "null", "null"),
    ("JSON", "1e3", "1000"),
    ("JSON", "12345678901234567890", "12345678901234567000"),
]
