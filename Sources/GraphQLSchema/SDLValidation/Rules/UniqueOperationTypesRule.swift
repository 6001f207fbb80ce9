import GraphQLLanguage

/// Each root operation type is given once, across the schema definition and its extensions
/// (spec §3.3.1 "Root Operation Types").
struct UniqueOperationTypesRule: SDLValidationRule {
    private var defined: [OperationType: OperationTypeDefinition] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        let operationTypes: [OperationTypeDefinition]
        switch node {
        case .schemaDefinition(let definition): operationTypes = definition.operationTypes
        case .schemaExtension(let schemaExtension): operationTypes = schemaExtension.operationTypes
        default: return
        }
        for operationType in operationTypes {
            if let previous = defined[operationType.operation] {
                context.report(
                    "There can be only one \(operationType.operation.rawValue) type in schema.",
                    at: [previous.location, operationType.location])
            } else {
                defined[operationType.operation] = operationType
            }
        }
    }
}
