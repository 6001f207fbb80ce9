import GraphQLLanguage

/// A non-repeatable directive is used at most once per location; a type's definition and
/// extensions count as one location, and so do the schema's (spec §5.7.3 "Directives Are
/// Unique Per Location").
struct UniqueDirectivesPerLocationRule: SDLValidationRule {
    private var isUnique: [String: Bool] = [:]
    private var schemaDirectives: [String: Directive] = [:]
    private var typeDirectives: [String: [String: Directive]] = [:]

    init(document: Document) {
        for directive in GraphQLDirective.specifiedDirectives {
            isUnique[directive.name] = !directive.isRepeatable
        }
        for case .directive(let definition) in document.definitions {
            isUnique[definition.name.value] = !definition.repeatable
        }
    }

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        switch node {
        case .schemaDefinition(let definition):
            check(definition.directives, &schemaDirectives, &context)
        case .schemaExtension(let schemaExtension):
            check(schemaExtension.directives, &schemaDirectives, &context)
        case .typeDefinition(let definition):
            var seen = typeDirectives[definition.name.value] ?? [:]
            check(definition.directives, &seen, &context)
            typeDirectives[definition.name.value] = seen
        case .typeExtension(let typeExtension):
            var seen = typeDirectives[typeExtension.name.value] ?? [:]
            check(typeExtension.definition.directives, &seen, &context)
            typeDirectives[typeExtension.name.value] = seen
        default:
            guard let directives = node.directives else { return }
            var seen: [String: Directive] = [:]
            check(directives, &seen, &context)
        }
    }

    private func check(
        _ directives: [Directive], _ seen: inout [String: Directive], _ context: inout SDLValidationContext
    ) {
        for directive in directives {
            let name = directive.name.value
            guard isUnique[name] == true else { continue }
            if let previous = seen[name] {
                context.report(
                    "The directive \"@\(name)\" can only be used once at this location.",
                    at: [previous.location, directive.location])
            } else {
                seen[name] = directive
            }
        }
    }
}

extension SDLNode {
    /// The directives applied to the node, for the nodes that can carry them (other than
    /// schema and type definitions and extensions).
    fileprivate var directives: [Directive]? {
        switch self {
        case .fieldDefinition(let node): node.directives
        case .inputValueDefinition(let node): node.directives
        case .enumValueDefinition(let node): node.directives
        case .operation(let node): node.directives
        case .variableDefinition(let node): node.directives
        case .field(let node): node.directives
        case .fragmentSpread(let node): node.directives
        case .inlineFragment(let node): node.directives
        case .fragmentDefinition(let node): node.directives
        default: nil
        }
    }
}
