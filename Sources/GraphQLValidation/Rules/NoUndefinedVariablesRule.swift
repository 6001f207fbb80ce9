import GraphQLLanguage

/// Every variable an operation uses, in it or in the fragments it spreads, is defined by the
/// operation (spec §5.8.3 "All Variable Uses Defined").
public struct NoUndefinedVariablesRule: ValidationRule {
    private var defined: Set<String> = []

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .variableDefinition] }
    public var leaving: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .operation: defined.removeAll(keepingCapacity: true)
        case .variableDefinition(let definition): defined.insert(definition.variable.name.value)
        default: break
        }
        return .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        guard case .operation(let operation) = node else { return }
        for usage in context.recursiveVariableUsages where !defined.contains(usage.variable.name.value) {
            let name = usage.variable.name.value
            let message =
                if let operationName = operation.name {
                    "Variable \"$\(name)\" is not defined by operation \"\(operationName.value)\"."
                } else {
                    "Variable \"$\(name)\" is not defined."
                }
            context.report(message, at: [usage.variable.location, operation.location])
        }
    }
}
