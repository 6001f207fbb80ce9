import GraphQLLanguage
import GraphQLSchema

/// Reports every use of a deprecated field, argument, input field or enum value (graphql-js's
/// optional `NoDeprecatedCustomRule`; not among `specifiedRules`).
public struct NoDeprecatedCustomRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { [.field, .argument, .objectField, .value] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .field(let field):
            guard let definition = context.fieldDefinition, let reason = definition.deprecationReason,
                let parentType = context.parentType
            else { break }
            context.report(
                "The field \(parentType.name).\(definition.name) is deprecated. \(reason)", at: [field.location])
        case .argument(let argument):
            guard let definition = context.argument, let reason = definition.deprecationReason else { break }
            if let directive = context.directive {
                context.report(
                    "Directive \"@\(directive.name)\" argument \"\(definition.name)\" is deprecated. \(reason)",
                    at: [argument.location])
            } else if let parentType = context.parentType, let field = context.fieldDefinition {
                context.report(
                    "Field \"\(parentType.name).\(field.name)\" argument \"\(definition.name)\" is deprecated. \(reason)",
                    at: [argument.location])
            }
        case .objectField(let objectField):
            guard case .inputObject(let inputObject)? = context.parentInputType?.namedType,
                let field = inputObject.field(named: objectField.name.value), let reason = field.deprecationReason
            else { break }
            context.report(
                "The input field \(inputObject.name).\(field.name) is deprecated. \(reason)", at: [objectField.location])
        case .value(.enumValue(let literal)):
            guard let value = context.enumValue, let reason = value.deprecationReason,
                let enumType = context.inputType?.namedType
            else { break }
            context.report(
                "The enum value \"\(enumType.name).\(value.name)\" is deprecated. \(reason)", at: [literal.location])
        default:
            break
        }
        return .continue
    }
}
