import GraphQLLanguage

/// A composite input: named fields, each with an input type and maybe a default value
/// (spec §3.10 "Input Objects"), and possibly `@oneOf` (§3.10.1 "OneOf Input Objects").
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class InputObjectType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    /// The fields in declaration order (definition first, then each extension).
    public internal(set) var fields: [InputValue] = [] {
        didSet { fieldIndex = NameIndex(fields.map(\.name)) }
    }
    /// Whether exactly one field must be given (`@oneOf` on the definition).
    public internal(set) var isOneOf: Bool
    public internal(set) var astNode: InputObjectTypeDefinition?
    public internal(set) var extensionASTNodes: [InputObjectTypeDefinition]
    private var fieldIndex = NameIndex([])

    public init(
        name: String, description: String? = nil, isOneOf: Bool = false,
        astNode: InputObjectTypeDefinition? = nil, extensionASTNodes: [InputObjectTypeDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.isOneOf = isOneOf
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }

    /// The field with this name, in O(1).
    public func field(named name: String) -> InputValue? {
        fieldIndex[name].map { fields[$0] }
    }
}
