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
}
