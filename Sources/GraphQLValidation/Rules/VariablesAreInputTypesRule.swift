import GraphQLLanguage
import GraphQLSchema

/// Variables have input types: scalars, enums or input objects (spec §5.8.2 "Variables Are
/// Input Types").
public struct VariablesAreInputTypesRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .variableDefinition }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .variableDefinition(let definition) = node, let type = context.schema.type(from: definition.type),
            !type.isInputType
        {
            context.report(
                "Variable \"$\(definition.variable.name.value)\" cannot be non-input type \"\(Printer.print(definition.type))\".",
                at: [definition.type.location])
        }
        return .continue
    }
}
