import GraphQLLanguage
import GraphQLSchema

/// A non-repeatable directive is used at most once at each location (spec §5.7.3
/// "Directives Are Unique Per Location"); a schema's or a type's directives count across its
/// definition and extensions.
public struct UniqueDirectivesPerLocationRule: ValidationRule {
    private var directives = DocumentDirectives()
    private var typeSystemSeen: [TypeSystemDirectiveScope: [String: Location]] = [:]

    public init() {}

    public var entering: ValidationNodeKinds {
        [.document, .operation, .variableDefinition, .field, .fragmentSpread, .inlineFragment, .fragmentDefinition,
         .typeSystemDirectives]
    }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document(let document): directives = DocumentDirectives(document)
        case .operation(let operation): check(operation.directives, context)
        case .variableDefinition(let definition): check(definition.directives, context)
        case .field(let field): check(field.directives, context)
        case .fragmentSpread(let spread): check(spread.directives, context)
        case .inlineFragment(let fragment): check(fragment.directives, context)
        case .fragmentDefinition(let fragment): check(fragment.directives, context)
        case .typeSystemDirectives(let list, let scope):
            if scope == .member {
                check(list, context)
            } else {
                var seen = typeSystemSeen[scope] ?? [:]
                check(list, into: &seen, context)
                typeSystemSeen[scope] = seen
            }
        default: break
        }
        return .continue
    }

    private func check(_ list: [Directive], _ context: ValidationContext) {
        guard list.count > 1 else { return }
        var seen: [String: Location] = [:]
        check(list, into: &seen, context)
    }

    private func check(_ list: [Directive], into seen: inout [String: Location], _ context: ValidationContext) {
        for directive in list {
            let name = directive.name.value
            guard isUnique(name, context.schema) else { continue }
            if let first = seen[name] {
                context.report(
                    "The directive \"@\(name)\" can only be used once at this location.",
                    at: [first, directive.location])
            } else {
                seen[name] = directive.location
            }
        }
    }

    private func isUnique(_ name: String, _ schema: Schema) -> Bool {
        switch directives.directive(named: name, in: schema) {
        case .document(let definition)?: !definition.repeatable
        case .schema(let definition)?: !definition.isRepeatable
        case nil: false
        }
    }
}
