import GraphQLLanguage

/// Every fragment is used by some operation, directly or through other fragments (spec
/// §5.5.1.4 "Fragments Must Be Used").
public struct NoUnusedFragmentsRule: ValidationRule {
    private var operations: [Int] = []
    private var fragments: [FragmentDefinition] = []

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .fragmentDefinition] }
    public var leaving: ValidationNodeKinds { .document }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .operation: operations.append(context.definitionIndex)
        case .fragmentDefinition(let fragment): fragments.append(fragment)
        default: break
        }
        return .skipChildren
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        var used: Set<String> = []
        for operation in operations {
            for fragment in context.recursivelyReferencedFragments(ofOperationAt: operation) {
                used.insert(context.fragment(at: fragment).name.value)
            }
        }
        for fragment in fragments where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", at: [fragment.location])
        }
    }
}
