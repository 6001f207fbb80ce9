import GraphQLLanguage

/// Every argument given to a directive is one it defines (spec §5.4.1 "Argument Names").
struct KnownArgumentNamesOnDirectivesRule: SDLValidationRule {
    private var arguments: [String: [String]] = [:]

    init(document: Document) {
        for directive in GraphQLDirective.specifiedDirectives {
            arguments[directive.name] = directive.arguments.map(\.name)
        }
        for case .directive(let definition) in document.definitions {
            arguments[definition.name.value] = definition.arguments.map(\.name.value)
        }
    }

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .directive(let directive, _) = node, let known = arguments[directive.name.value] else { return }
        for argument in directive.arguments where !known.contains(argument.name.value) {
            context.report(
                "Unknown argument \"\(argument.name.value)\" on directive \"@\(directive.name.value)\"."
                    + didYouMean(suggestionList(argument.name.value, known)),
                at: [argument.location])
        }
    }
}
