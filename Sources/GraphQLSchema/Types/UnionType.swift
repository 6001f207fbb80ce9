import GraphQLLanguage

/// An abstract type whose values are one of a list of object types (spec §3.8 "Unions").
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class UnionType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    /// The member types in declaration order; validation reports any that is not an object.
    public internal(set) var types: [GraphQLNamedType] = []
    public internal(set) var astNode: UnionTypeDefinition?
    public internal(set) var extensionASTNodes: [UnionTypeDefinition]

    public init(
        name: String, description: String? = nil, astNode: UnionTypeDefinition? = nil,
        extensionASTNodes: [UnionTypeDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }
}
