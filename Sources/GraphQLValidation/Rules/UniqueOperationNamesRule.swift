import GraphQLLanguage

/// Every named operation has a name of its own (spec §5.2.1.1 "Operation Name Uniqueness").
public struct UniqueOperationNamesRule: ValidationRule {
    private var known: [String: Location] = [:]

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .fragmentDefinition] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .operation(let operation) = node, let name = operation.name {
            if let first = known[name.value] {
                context.report("There can be only one operation named \"\(name.value)\".", at: [first, name.location])
            } else {
                known[name.value] = name.location
            }
        }
        return .skipChildren
    }
}
