import GraphQLLanguage
import GraphQLSchema

/// Forbids introspection queries: no field may return an introspection type (graphql-js's
/// optional `NoSchemaIntrospectionCustomRule`; not among `specifiedRules`).
public struct NoSchemaIntrospectionCustomRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .field }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        if case .field(let field) = node, let type = context.type?.namedType, Introspection.isIntrospectionType(named: type.name) {
            context.report(
                "GraphQL introspection has been disabled, but the requested query contained the field \"\(field.name.value)\".",
                at: [field.location])
        }
        return .continue
    }
}
