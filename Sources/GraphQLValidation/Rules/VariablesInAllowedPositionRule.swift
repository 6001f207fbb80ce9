import GraphQLLanguage
import GraphQLSchema

/// Every variable is used where its type is allowed (spec §5.8.5 "All Variable Usages Are
/// Allowed"), and a variable given as the field of a `@oneOf` input object is non-null
/// (graphql-js 17's message).
public struct VariablesInAllowedPositionRule: ValidationRule {
    private var definitions: [String: VariableDefinition] = [:]

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .variableDefinition] }
    public var leaving: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .operation: definitions.removeAll(keepingCapacity: true)
        case .variableDefinition(let definition): definitions[definition.variable.name.value] = definition
        default: break
        }
        return .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        guard case .operation = node, !definitions.isEmpty else { return }
        let schema = context.schema
        for usage in context.recursiveVariableUsages {
            let name = usage.variable.name.value
            guard let definition = definitions[name], let locationType = usage.type,
                let variableType = schema.type(from: definition.type)
            else { continue }
            if !isAllowed(schema, variableType, definition.defaultValue, locationType, usage.hasDefaultValue) {
                context.report(
                    "Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                    at: [definition.location, usage.variable.location])
            }
            if case .named(.inputObject(let parent))? = usage.parentType?.nullableType, parent.isOneOf, !variableType.isNonNull {
                context.report(
                    "Variable \"$\(name)\" is of type \"\(variableType)\" but must be non-nullable to be used for OneOf Input Object \"\(parent.name)\".",
                    at: [definition.location, usage.variable.location])
            }
        }
    }

    /// A nullable variable may fill a non-null position when it, or the position, has a
    /// default value; otherwise its type must be a subtype of the position's.
    private func isAllowed(
        _ schema: Schema, _ variableType: GraphQLType, _ variableDefault: Value?, _ locationType: GraphQLType,
        _ locationHasDefault: Bool
    ) -> Bool {
        if case .nonNull(let nullableLocationType) = locationType, !variableType.isNonNull {
            var hasNonNullVariableDefault = false
            if let variableDefault, case .null = variableDefault {} else if variableDefault != nil {
                hasNonNullVariableDefault = true
            }
            guard hasNonNullVariableDefault || locationHasDefault else { return false }
            return schema.isTypeSubType(variableType, of: nullableLocationType)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }
}
