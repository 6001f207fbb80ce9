import GraphQLSchema
import Testing

/// ECMAScript Number::toString, which graphql-js uses to print numbers (expectations from
/// Node's `String(Number(text))`).
@Suite struct JavaScriptNumberTests {
    @Test(arguments: javaScriptNumberCases)
    func formatsLikeJavaScript(_ text: String, _ expected: String) throws {
        let number = try #require(Double(text))
        #expect(number.javaScriptDescription == expected)
    }

    @Test func nonFiniteValues() {
        #expect(Double.nan.javaScriptDescription == "NaN")
        #expect(Double.infinity.javaScriptDescription == "Infinity")
        #expect((-Double.infinity).javaScriptDescription == "-Infinity")
    }
}

let javaScriptNumberCases: [(String, String)] = [
    ("1", "1"),
    ("1.0", "1"),
    ("-1.5", "-1.5"),
    ("0.1", "0.1"),
    ("100", "100"),
    ("1e21", "1e+21"),
    ("1e20", "100000000000000000000"),
    ("123456789012345678901", "123456789012345680000"),
    ("1e-7", "1e-7"),
    ("0.000001", "0.000001"),
    ("0.0000012345", "0.0000012345"),
    ("1.2345e-7", "1.2345e-7"),
    ("123456789012345678901234", "1.2345678901234569e+23"),
    ("5e-324", "5e-324"),
    ("1.7976931348623157e308", "1.7976931348623157e+308"),
    ("-0.0", "0"),
    ("2.5e-8", "2.5e-8"),
    ("1e100", "1e+100"),
    ("0.30000000000000004", "0.30000000000000004"),
    ("9007199254740993", "9007199254740992"),
    ("4.35", "4.35"),
    ("1234.5678", "1234.5678"),
    ("1e6", "1000000"),
    ("1.5e300", "1.5e+300"),
    ("-1e-6", "-0.000001"),
    ("-1e-7", "-1e-7"),
    ("33333333333333333333333", "3.333333333333333e+22"),
    ("0.5", "0.5"),
    ("1e-10", "1e-10"),
]
