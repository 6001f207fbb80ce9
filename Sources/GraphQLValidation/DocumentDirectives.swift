import GraphQLLanguage
import GraphQLSchema

/// The directives a document may use: the schema's, overridden by any the document itself
/// defines (graphql-js's rules consult both).
struct DocumentDirectives {
    /// Directive definitions in the document, by name; the last of several wins. Empty (and
    /// allocation-free) for the usual executable document.
    private var defined: [String: DirectiveDefinition] = [:]

    init() {}

    init(_ document: Document) {
        for case .directive(let definition) in document.definitions {
            defined[definition.name.value] = definition
        }
    }

    /// A directive known by name: defined in the document, or by the schema.
    enum Known {
        case document(DirectiveDefinition)
        case schema(GraphQLDirective)
    }

    func directive(named name: String, in schema: Schema) -> Known? {
        if !defined.isEmpty, let definition = defined[name] { return .document(definition) }
        return schema.directive(named: name).map(Known.schema)
    }
}
