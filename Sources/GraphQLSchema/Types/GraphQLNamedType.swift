import GraphQLLanguage

/// One of the six kinds of named type a schema defines (spec §3.4 "Types").
///
/// The payloads are classes so that fields can point at their types directly: following a
/// field to its type costs no lookup. Two values are equal when they hold the same instance.
/// (The name `GraphQLNamedType` is graphql-js's; `NamedType` is the AST's type reference.)
public enum GraphQLNamedType: Sendable, Hashable, CustomStringConvertible {
    case scalar(ScalarType)
    case object(ObjectType)
    case interface(InterfaceType)
    case union(UnionType)
    case enumType(EnumType)
    case inputObject(InputObjectType)

    public var name: String {
        switch self {
        case .scalar(let type): type.name
        case .object(let type): type.name
        case .interface(let type): type.name
        case .union(let type): type.name
        case .enumType(let type): type.name
        case .inputObject(let type): type.name
        }
    }

    public var typeDescription: String? {
        switch self {
        case .scalar(let type): type.description
        case .object(let type): type.description
        case .interface(let type): type.description
        case .union(let type): type.description
        case .enumType(let type): type.description
        case .inputObject(let type): type.description
        }
    }

    /// The type's name, as graphql-js prints a type in messages.
    public var description: String { name }

    /// The definition the type was built from, if it came from SDL.
    public var definitionNode: TypeDefinition? {
        switch self {
        case .scalar(let type): type.astNode.map(TypeDefinition.scalar)
        case .object(let type): type.astNode.map(TypeDefinition.object)
        case .interface(let type): type.astNode.map(TypeDefinition.interface)
        case .union(let type): type.astNode.map(TypeDefinition.union)
        case .enumType(let type): type.astNode.map(TypeDefinition.enumType)
        case .inputObject(let type): type.astNode.map(TypeDefinition.inputObject)
        }
    }

    /// The `extend` nodes applied to the type, in document order.
    public var extensionNodes: [TypeExtension] {
        switch self {
        case .scalar(let type): type.extensionASTNodes.map(TypeExtension.scalar)
        case .object(let type): type.extensionASTNodes.map(TypeExtension.object)
        case .interface(let type): type.extensionASTNodes.map(TypeExtension.interface)
        case .union(let type): type.extensionASTNodes.map(TypeExtension.union)
        case .enumType(let type): type.extensionASTNodes.map(TypeExtension.enumType)
        case .inputObject(let type): type.extensionASTNodes.map(TypeExtension.inputObject)
        }
    }

    /// The definition and extension locations, definition first.
    var allNodeLocations: [Location] {
        (definitionNode.map { [$0.location] } ?? []) + extensionNodes.map(\.location)
    }

    /// Scalars, enums and input objects may be used as input (spec §3.4.2).
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: true
        case .object, .interface, .union: false
        }
    }

    /// Everything but input objects may be used as output (spec §3.4.2).
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Scalars and enums: the leaves of a response.
    public var isLeafType: Bool {
        switch self {
        case .scalar, .enumType: true
        default: false
        }
    }

    /// Interfaces and unions.
    public var isAbstractType: Bool {
        switch self {
        case .interface, .union: true
        default: false
        }
    }

    /// Objects, interfaces and unions: the types a selection set applies to.
    public var isCompositeType: Bool {
        switch self {
        case .object, .interface, .union: true
        default: false
        }
    }

    /// The fields of an object or interface type; empty for every other kind.
    public var fields: [GraphQLField] {
        switch self {
        case .object(let type): type.fields
        case .interface(let type): type.fields
        default: []
        }
    }

    /// The interfaces an object or interface type declares it implements.
    public var interfaces: [GraphQLNamedType] {
        switch self {
        case .object(let type): type.interfaces
        case .interface(let type): type.interfaces
        default: []
        }
    }

    /// A field of an object or interface type by name, in O(1).
    public func field(named name: String) -> GraphQLField? {
        switch self {
        case .object(let type): type.field(named: name)
        case .interface(let type): type.field(named: name)
        default: nil
        }
    }

    var identity: ObjectIdentifier {
        switch self {
        case .scalar(let type): ObjectIdentifier(type)
        case .object(let type): ObjectIdentifier(type)
        case .interface(let type): ObjectIdentifier(type)
        case .union(let type): ObjectIdentifier(type)
        case .enumType(let type): ObjectIdentifier(type)
        case .inputObject(let type): ObjectIdentifier(type)
        }
    }

    public static func == (lhs: GraphQLNamedType, rhs: GraphQLNamedType) -> Bool {
        lhs.identity == rhs.identity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
    }
}
