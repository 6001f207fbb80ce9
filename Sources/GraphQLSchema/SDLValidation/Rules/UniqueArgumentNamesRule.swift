import GraphQLLanguage

/// A field or directive is given each argument at most once (spec §5.4.2 "Argument
/// Uniqueness").
struct UniqueArgumentNamesRule: SDLValidationRule {
    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        let arguments: [Argument]
        switch node {
        case .field(let field): arguments = field.arguments
        case .directive(let directive, _): arguments = directive.arguments
        default: return
        }
        for (name, nodes) in groupedByName(arguments.map(\.name)) where nodes.count > 1 {
            context.report("There can be only one argument named \"\(name)\".", at: nodes.map(\.location))
        }
    }
}
