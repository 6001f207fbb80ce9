import GraphQLLanguage

/// No fragment spreads itself, directly or through other fragments (spec §5.5.2.2
/// "Fragment spreads must not form cycles").
public struct NoFragmentCyclesRule: ValidationRule {
    private var visited: Set<String> = []
    private var spreadPath: [FragmentSpread] = []
    private var pathIndexByName: [String: Int] = [:]

    public init() {}

    public var entering: ValidationNodeKinds { [.operation, .fragmentDefinition] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .fragmentDefinition(let fragment) = node {
            detectCycles(from: fragment.name.value, at: context.definitionIndex, context)
        }
        return .skipChildren
    }

    /// Depth-first through the spreads, reporting each spread that closes a cycle.
    private mutating func detectCycles(from name: String, at index: Int, _ context: ValidationContext) {
        guard visited.insert(name).inserted else { return }
        let spreads = context.fragmentSpreads(ofDefinitionAt: index)
        guard !spreads.isEmpty else { return }
        pathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            let cycleIndex = pathIndexByName[spreadName]
            spreadPath.append(spread)
            if let cycleIndex {
                let cyclePath = spreadPath[cycleIndex...]
                let via = cyclePath.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    at: cyclePath.map(\.location))
            } else if let target = context.fragmentDefinitionIndex(spreadName) {
                detectCycles(from: spreadName, at: target, context)
            }
            spreadPath.removeLast()
        }
        pathIndexByName[name] = nil
    }
}
