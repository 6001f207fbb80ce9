import GraphQLLanguage
import GraphQLSchema

/// Every required argument (non-null, without a default) of a field or directive is given
/// (spec §5.4.2.1 "Required Arguments").
public struct ProvidedRequiredArgumentsRule: ValidationRule {
    private var directives = DocumentDirectives()

    public init() {}

    public var entering: ValidationNodeKinds { .document }
    public var leaving: ValidationNodeKinds { [.field, .directive] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .document(let document) = node { directives = DocumentDirectives(document) }
        return .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        switch node {
        case .field(let field):
            guard let resolved = context.field, !resolved.requiredArguments.isEmpty else { return }
            let definition = resolved.definition
            for argument in resolved.requiredArguments {
                guard !field.arguments.contains(where: { $0.name.value == argument.name }) else { continue }
                context.report(
                    "Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                    at: [field.location])
            }
        case .directive(let directive, _):
            let name = directive.name.value
            var required: [(name: String, type: String)] = []
            switch directives.directive(named: name, in: context.schema) {
            case .document(let definition)?:
                for argument in definition.arguments {
                    guard case .nonNull = argument.type, argument.defaultValue == nil else { continue }
                    if let index = required.firstIndex(where: { $0.name == argument.name.value }) {
                        required[index].type = Printer.print(argument.type)
                    } else {
                        required.append((argument.name.value, Printer.print(argument.type)))
                    }
                }
            case .schema(let definition)?:
                for argument in definition.arguments where argument.isRequired {
                    required.append((argument.name, argument.type.description))
                }
            case nil:
                return
            }
            for argument in required where !directive.arguments.contains(where: { $0.name.value == argument.name }) {
                context.report(
                    "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                    at: [directive.location])
            }
        default:
            break
        }
    }
}
