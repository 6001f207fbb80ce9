import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// An error as a test expects it: the exact message and every location, as line and column.
struct ExpectedError: Equatable, Sendable, CustomStringConvertible {
    var message: String
    var locations: [GraphQLLanguage.SourceLocation]

    init(_ message: String, _ locations: [(Int, Int)]) {
        self.message = message
        self.locations = locations.map { GraphQLLanguage.SourceLocation(line: $0.0, column: $0.1) }
    }

    init(_ error: GraphQLError) {
        message = error.message
        locations = error.locations
    }

    var description: String { message + locations.map { " (\($0))" }.joined() }
}

/// A document and the errors validating it must give, in order.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var document: String
    var errors: [ExpectedError]

    init(_ document: String, _ errors: [ExpectedError]) {
        self.document = document
        self.errors = errors
    }

    var testDescription: String { document.split(separator: "\n").joined(separator: " ") }

    func check(rules: [any ValidationRule], schema: Schema = testSchema, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let actual = validationErrors(document, rules: rules, schema: schema)
        #expect(actual == errors, sourceLocation: sourceLocation)
    }
}

/// The errors validating `document` gives, as tests compare them.
func validationErrors(
    _ document: String, rules: [any ValidationRule] = specifiedRules, schema: Schema = testSchema,
    maxErrors: Int = 100
) -> [ExpectedError] {
    let source = Source(body: document)
    do {
        let parsed = try parse(source)
        return validate(schema: schema, document: parsed, source: source, rules: rules, maxErrors: maxErrors)
            .map(ExpectedError.init)
    } catch {
        Issue.record("does not parse: \(error)")
        return []
    }
}
