import GraphQLLanguage

/// A document defines the schema at most once (spec §3.3 "Schema": one SchemaDefinition).
struct LoneSchemaDefinitionRule: SDLValidationRule {
    private var schemaDefinitions = 0

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .schemaDefinition(let definition) = node else { return }
        if schemaDefinitions > 0 {
            context.report("Must provide only one schema definition.", at: [definition.location])
        }
        schemaDefinitions += 1
    }
}
