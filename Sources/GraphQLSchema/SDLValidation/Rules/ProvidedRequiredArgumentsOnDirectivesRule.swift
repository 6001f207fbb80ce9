import GraphQLLanguage

/// A directive is given every argument it requires: non-null and without a default (spec
/// §5.4.2.1 "Required Arguments").
struct ProvidedRequiredArgumentsOnDirectivesRule: SDLValidationRule {
    /// For each directive, its required arguments and their types as messages write them.
    private var required: [String: [(name: String, type: String)]] = [:]

    init(document: Document) {
        for directive in GraphQLDirective.specifiedDirectives {
            required[directive.name] = directive.arguments.filter(\.isRequired).map { ($0.name, $0.type.description) }
        }
        for case .directive(let definition) in document.definitions {
            var arguments: [(name: String, type: String)] = []
            for argument in definition.arguments {
                guard case .nonNull = argument.type, argument.defaultValue == nil else { continue }
                if let index = arguments.firstIndex(where: { $0.name == argument.name.value }) {
                    arguments[index].type = Printer.print(argument.type)
                } else {
                    arguments.append((argument.name.value, Printer.print(argument.type)))
                }
            }
            required[definition.name.value] = arguments
        }
    }

    mutating func leave(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .directive(let directive, _) = node, let arguments = required[directive.name.value] else { return }
        let given = Set(directive.arguments.map(\.name.value))
        for argument in arguments where !given.contains(argument.name) {
            context.report(
                "Directive \"@\(directive.name.value)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: [directive.location])
        }
    }
}
