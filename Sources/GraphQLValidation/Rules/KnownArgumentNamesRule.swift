import GraphQLLanguage
import GraphQLSchema

/// Every argument given is defined by its field or directive (spec §5.4.1 "Argument Names").
public struct KnownArgumentNamesRule: ValidationRule {
    private var directives = DocumentDirectives()

    public init() {}

    public var entering: ValidationNodeKinds { [.document, .directive, .argument] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document(let document):
            directives = DocumentDirectives(document)
        case .directive(let directive, _):
            let name = directive.name.value
            guard !directive.arguments.isEmpty, let known = directives.directive(named: name, in: context.schema)
            else { return .skipChildren }
            let knownNames: [String] =
                switch known {
                case .document(let definition): definition.arguments.map(\.name.value)
                case .schema(let definition): definition.arguments.map(\.name)
                }
            for argument in directive.arguments where !knownNames.contains(argument.name.value) {
                let suggestions = suggestionList(argument.name.value, knownNames)
                context.report(
                    "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"." + didYouMean(suggestions),
                    at: [argument.location])
            }
            return .skipChildren
        case .argument(let argument):
            guard context.argument == nil, let field = context.field?.definition, let parentType = context.parentType
            else { break }
            let suggestions = suggestionList(argument.name.value, field.arguments.map(\.name))
            context.report(
                "Unknown argument \"\(argument.name.value)\" on field \"\(parentType.name).\(field.name)\"."
                    + didYouMean(suggestions),
                at: [argument.location])
        default:
            break
        }
        return .continue
    }
}
