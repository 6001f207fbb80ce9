import GraphQLLanguage
import GraphQLSchema
import Testing

/// An error as tests expect it: the message and each location as "line:column".
struct ExpectedError: Sendable, Equatable, CustomStringConvertible {
    var message: String
    var locations: [String]

    init(_ message: String, _ locations: [String]) {
        self.message = message
        self.locations = locations
    }

    init(_ error: GraphQLError) {
        self.init(error.message, error.locations.map { "\($0.line):\($0.column)" })
    }

    var description: String { "\(message) \(locations)" }
}

/// A document and the errors graphql-js reports for it, in order.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var sdl: String
    var errors: [ExpectedError]

    init(_ name: String, _ sdl: String, _ errors: [(String, [String])]) {
        self.name = name
        self.sdl = sdl
        self.errors = errors.map { ExpectedError($0.0, $0.1) }
    }

    var testDescription: String { name }
}

/// The errors `buildSchema` throws for `sdl`, or none when it builds.
func buildErrors(_ sdl: String) throws -> [ExpectedError] {
    do {
        _ = try buildSchema(Source(body: sdl))
        return []
    } catch let errors as GraphQLErrors {
        return errors.errors.map(ExpectedError.init)
    }
}

func build(_ sdl: String) throws -> Schema {
    try buildSchema(Source(body: sdl))
}
