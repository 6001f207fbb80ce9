import GraphQLLanguage

/// A document submitted for execution holds only operations and fragments (spec §5.1.1
/// "Executable Definitions").
public struct ExecutableDefinitionsRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .document }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .document(let document) = node else { return .continue }
        for definition in document.definitions where !definition.isExecutable {
            let name: String
            switch definition {
            case .schema, .schemaExtension: name = "schema"
            case .type(let type): name = "\"\(type.name.value)\""
            case .typeExtension(let type): name = "\"\(type.name.value)\""
            case .directive(let directive): name = "\"\(directive.name.value)\""
            case .operation, .fragment: continue
            }
            context.report("The \(name) definition is not executable.", at: [definition.location])
        }
        return .skipChildren
    }
}
