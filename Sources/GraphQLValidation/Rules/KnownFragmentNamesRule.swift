import GraphQLLanguage

/// Every fragment spread names a fragment the document defines (spec §5.5.2.1 "Fragment
/// spread target defined").
public struct KnownFragmentNamesRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .fragmentSpread }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .fragmentSpread(let spread) = node, context.fragmentDefinitionIndex(spread.name.value) == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", at: [spread.name.location])
        }
        return .continue
    }
}
