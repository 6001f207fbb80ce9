import GraphQLLanguage

/// An input object literal gives each field once (spec §5.6.3 "Input Object Field
/// Uniqueness").
public struct UniqueInputFieldNamesRule: ValidationRule {
    private var knownNames: [[String: Location]] = []

    public init() {}

    public var entering: ValidationNodeKinds { [.value, .objectField] }
    public var leaving: ValidationNodeKinds { .value }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .value(.object):
            knownNames.append([:])
        case .objectField(let field):
            let name = field.name
            if let first = knownNames[knownNames.count - 1][name.value] {
                context.report("There can be only one input field named \"\(name.value)\".", at: [first, name.location])
            } else {
                knownNames[knownNames.count - 1][name.value] = name.location
            }
        default:
            break
        }
        return .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {
        if case .value(.object) = node { knownNames.removeLast() }
    }
}
