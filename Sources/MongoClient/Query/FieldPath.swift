/// A dotted field path such as `"consultations.doctorId"`: never an operator.
///
/// Written as a string literal in code. A path built at run time goes through
/// `FieldPath(validating:)`, which refuses `$`-prefixed and empty segments, so no value a user
/// typed can become an operator or an aggregation field reference by being used as a name.
public struct FieldPath: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let path: String

    public init(stringLiteral path: StaticString) {
        let text = path.description
        precondition(Self.problem(in: text) == nil, "invalid field path literal \"\(text)\": \(Self.problem(in: text)!)")
        self.path = text
    }

    public init(validating path: String) throws(MongoError) {
        if let problem = Self.problem(in: path) {
            throw .invalidDocument("invalid field path: \(problem)")
        }
        self.path = path
    }

    public var description: String { path }

    static func problem(in path: String) -> String? {
        if path.isEmpty { return "it is empty" }
        if path.utf8.contains(0) { return "it contains a NUL byte" }
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "it has an empty segment" }
            if segment.hasPrefix("$") { return "a segment starts with $" }
        }
        return nil
    }
}
