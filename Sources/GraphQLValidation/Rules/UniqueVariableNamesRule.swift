import GraphQLLanguage

/// An operation defines each variable once (spec §5.8.1 "Variable Uniqueness").
public struct UniqueVariableNamesRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .operation(let operation) = node, operation.variableDefinitions.count > 1 else { return .continue }
        var groups: [[Name]] = []
        var groupIndex: [String: Int] = [:]
        for definition in operation.variableDefinitions {
            let name = definition.variable.name
            if let index = groupIndex[name.value] {
                groups[index].append(name)
            } else {
                groupIndex[name.value] = groups.count
                groups.append([name])
            }
        }
        for names in groups where names.count > 1 {
            context.report("There can be only one variable named \"$\(names[0].value)\".", at: names.map(\.location))
        }
        return .continue
    }
}
