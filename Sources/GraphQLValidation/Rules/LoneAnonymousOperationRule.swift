import GraphQLLanguage

/// An anonymous operation is the only operation of its document (spec §5.2.2.1 "Lone
/// Anonymous Operation").
public struct LoneAnonymousOperationRule: ValidationRule {
    private var operationCount = 0

    public init() {}

    public var entering: ValidationNodeKinds { [.document, .operation] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document(let document):
            operationCount = document.definitions.count { if case .operation = $0 { true } else { false } }
        case .operation(let operation) where operation.name == nil && operationCount > 1:
            context.report("This anonymous operation must be the only defined operation.", at: [operation.location])
        default:
            break
        }
        return .continue
    }
}
