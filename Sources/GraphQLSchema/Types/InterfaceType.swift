import GraphQLLanguage

/// An abstract type: a set of fields that implementing objects and interfaces must provide
/// (spec §3.7 "Interfaces"). Interfaces may themselves implement interfaces.
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class InterfaceType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    /// The declared interfaces, in order; validation reports any that is not an interface.
    public internal(set) var interfaces: [GraphQLNamedType] = []
    /// The fields in declaration order (definition first, then each extension).
    public internal(set) var fields: [GraphQLField] = [] {
        didSet { fieldIndex = NameIndex(fields.map(\.name)) }
    }
    public internal(set) var astNode: InterfaceTypeDefinition?
    public internal(set) var extensionASTNodes: [InterfaceTypeDefinition]
    private var fieldIndex = NameIndex([])

    public init(
        name: String, description: String? = nil, astNode: InterfaceTypeDefinition? = nil,
        extensionASTNodes: [InterfaceTypeDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }

    /// The field with this name, in O(1).
    public func field(named name: String) -> GraphQLField? {
        fieldIndex[name].map { fields[$0] }
    }
}
