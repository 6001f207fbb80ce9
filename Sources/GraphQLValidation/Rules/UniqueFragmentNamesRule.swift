import GraphQLLanguage

/// Every fragment has a name of its own (spec §5.5.1.1 "Fragment Name Uniqueness").
public struct UniqueFragmentNamesRule: ValidationRule {
    private var known: [String: Location] = [:]

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .fragmentDefinition] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .fragmentDefinition(let fragment) = node {
            let name = fragment.name
            if let first = known[name.value] {
                context.report("There can be only one fragment named \"\(name.value)\".", at: [first, name.location])
            } else {
                known[name.value] = name.location
            }
        }
        return .skipChildren
    }
}
