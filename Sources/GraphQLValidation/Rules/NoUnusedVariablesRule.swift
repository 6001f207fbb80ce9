import GraphQLLanguage

/// Every variable an operation defines is used, in it or in the fragments it spreads (spec
/// §5.8.4 "All Variables Used").
public struct NoUnusedVariablesRule: ValidationRule {
    private var definitions: [VariableDefinition] = []

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .variableDefinition] }
    public var leaving: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .operation: definitions.removeAll(keepingCapacity: true)
        case .variableDefinition(let definition): definitions.append(definition)
        default: break
        }
        return .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        guard case .operation(let operation) = node, !definitions.isEmpty else { return }
        let used = Set(context.recursiveVariableUsages.map(\.variable.name.value))
        for definition in definitions where !used.contains(definition.variable.name.value) {
            let name = definition.variable.name.value
            let message =
                if let operationName = operation.name {
                    "Variable \"$\(name)\" is never used in operation \"\(operationName.value)\"."
                } else {
                    "Variable \"$\(name)\" is never used."
                }
            context.report(message, at: [definition.location])
        }
    }
}
