import Foundation
import GraphQLExecution
import Testing

/// `JSON.parse` with repeated keys: the last value wins, in the first one's place, as
/// JavaScript's `JSON.parse` has it, whether the object is small (found by a scan) or past the
/// scan's limit (found through a dictionary).
struct JSONParseTests {
    static func object(_ keys: [String]) -> String {
        "{" + keys.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
    }

    static let twenty = (0..<20).map { "k\($0)" }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, #"{"a":2}"#),
        (#"{"a":1,"b":2,"a":3}"#, #"{"a":3,"b":2}"#),
        (#"{"a":{"x":1,"x":[]},"b":null}"#, #"{"a":{"x":[]},"b":null}"#),
        (object(twenty + ["k3"]), object(twenty).replacingOccurrences(of: #""k3":3"#, with: #""k3":20"#)),
        (object(twenty + ["k19", "k0"]),
         object(twenty).replacingOccurrences(of: #""k19":19"#, with: #""k19":20"#)
            .replacingOccurrences(of: #""k0":0"#, with: #""k0":21"#)),
        (object(twenty + ["new", "new"]), String(object(twenty).dropLast()) + #","new":21}"#),
    ])
    func repeatedKeys(text: String, expected: String) throws {
        #expect(JSON.serialize(try JSON.parse(text)) == expected)
    }

    /// Integers of up to 15 digits are added up, longer numbers and the rest go through the
    /// standard conversion: either way the same Double as JavaScript's `Number`.
    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("7", 7), ("-15", -15), ("999999999999999", 999_999_999_999_999),
        ("-999999999999999", -999_999_999_999_999), ("9007199254740993", 9_007_199_254_740_992),
        ("12345678901234567890", 12_345_678_901_234_567_890), ("1.5", 1.5), ("-2.5e-3", -0.0025),
        ("1e3", 1000), ("1E+2", 100), ("0.1", 0.1),
    ] as [(String, Double)])
    func numbers(text: String, expected: Double) throws {
        guard case .float(let value) = try JSON.parse(text) else {
            Issue.record("\(text) is not read as a number")
            return
        }
        #expect(value == expected && value.sign == expected.sign, "\(text) → \(value)")
    }

    @Test(arguments: ["-", "01", "1.", "1e", "-a", "+1", ".5"])
    func malformedNumbers(text: String) {
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(text) }
    }
}
