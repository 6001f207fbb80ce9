import GraphQLLanguage

/// A type with named fields, each yielding a value of a given type (spec §3.6 "Objects").
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class ObjectType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    /// The declared interfaces, in order; validation reports any that is not an interface.
    public internal(set) var interfaces: [GraphQLNamedType] = []
    /// The fields in declaration order (definition first, then each extension).
    public internal(set) var fields: [GraphQLField] = [] {
        didSet { fieldIndex = NameIndex(fields.map(\.name)) }
    }
    public internal(set) var astNode: ObjectTypeDefinition?
    public internal(set) var extensionASTNodes: [ObjectTypeDefinition]
    private var fieldIndex = NameIndex([])

    public init(
        name: String, description: String? = nil, astNode: ObjectTypeDefinition? = nil,
        extensionASTNodes: [ObjectTypeDefinition] = []
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

/// Positions of named members by name, for O(1) lookups in ordered member lists.
struct NameIndex: Sendable {
    private var positions: [String: Int] = [:]

    init(_ names: [String]) {
        positions.reserveCapacity(names.count)
        for (position, name) in names.enumerated() where positions[name] == nil {
            positions[name] = position
        }
    }

    subscript(name: String) -> Int? { positions[name] }
}
