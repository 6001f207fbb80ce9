/// The one error type clients see: a message, the places in the document it is about, and,
/// during execution, the response path of the field that failed.
///
/// `underlying` keeps the original error for logs; it is never serialized to a client.
public struct GraphQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    public var path: [PathComponent]?
    public var extensions: [String: String]
    public var underlying: (any Error & Sendable)?

    public init(
        message: String, locations: [SourceLocation] = [], path: [PathComponent]? = nil,
        extensions: [String: String] = [:], underlying: (any Error & Sendable)? = nil
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
        self.underlying = underlying
    }

    /// An error about the given nodes of a source, located at each node's start.
    public init(_ message: String, in source: Source?, at locations: [Location]) {
        self.init(
            message: message,
            locations: source.map { source in locations.map { source.location(of: $0.start) } } ?? []
        )
    }

    public static func == (lhs: GraphQLError, rhs: GraphQLError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path
            && lhs.extensions == rhs.extensions
    }

    public var description: String {
        let places = locations.map { " (\($0))" }.joined()
        return message + places
    }
}

/// Several errors reported together, in source order (schema building, validation).
public struct GraphQLErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [GraphQLError]

    public init(_ errors: [GraphQLError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// One step of a response path: a field's response key or a list index.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}
