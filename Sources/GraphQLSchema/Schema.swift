import GraphQLLanguage

/// A GraphQL schema: its root operation types, every named type it holds, and its directives
/// (spec §3.3 "Schema").
///
/// Immutable once built; lookups by name, possible types and sub-type checks are O(1). The
/// type-system validation result is computed when the schema is made, so that reading it
/// needs no synchronization (see `validateSchema(_:)`).
public final class Schema: Sendable {
    public let description: String?
    /// The root types as declared, whatever their kind: validation reports one that is not an
    /// object type.
    public let rootTypes: [OperationType: GraphQLNamedType]
    /// Every named type, in graphql-js's order: the types as given, each followed by the
    /// built-in types it is the first to reference.
    public let types: [GraphQLNamedType]
    /// The directives: those declared, then the specified ones not redeclared.
    public let directives: [GraphQLDirective]
    public let astNode: SchemaDefinition?
    public let extensionASTNodes: [SchemaExtension]

    private let typeMap: [String: GraphQLNamedType]
    private let directiveMap: [String: Int]
    private let implementationsMap: [String: Implementations]
    private let subTypeMap: [String: Set<String>]
    let validationErrors: [GraphQLError]

    /// The objects and interfaces that implement an interface, in type-map order.
    public struct Implementations: Sendable {
        public var objects: [ObjectType] = []
        public var interfaces: [InterfaceType] = []
    }

    /// Makes a schema from its root types, the types it should hold beyond those reachable
    /// from the roots, and its directives.
    ///
    /// - Parameter source: the SDL the schema was built from, to locate validation errors.
    public convenience init(
        description: String? = nil, rootTypes: [OperationType: GraphQLNamedType], types: [GraphQLNamedType],
        directives: [GraphQLDirective] = GraphQLDirective.specifiedDirectives,
        astNode: SchemaDefinition? = nil, extensionASTNodes: [SchemaExtension] = [], source: Source? = nil
    ) {
        self.init(
            description: description, rootTypes: rootTypes, types: types, directives: directives, astNode: astNode,
            extensionASTNodes: extensionASTNodes, source: source, includingIntrospection: true)
    }

    /// - Parameter includingIntrospection: whether the type map gets the introspection types,
    ///   as every schema's does; false only while the introspection types are being built.
    init(
        description: String?, rootTypes: [OperationType: GraphQLNamedType], types: [GraphQLNamedType],
        directives: [GraphQLDirective], astNode: SchemaDefinition?, extensionASTNodes: [SchemaExtension],
        source: Source?, includingIntrospection: Bool
    ) {
        self.description = description
        self.rootTypes = rootTypes
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes

        var collector = TypeCollector()
        collector.reserve(types)
        for type in types {
            collector.collect(type, reordering: true)
        }
        for operation in OperationType.allCases {
            if let root = rootTypes[operation] { collector.collect(root) }
        }
        for directive in directives {
            for argument in directive.arguments { collector.collect(argument.type.namedType) }
        }
        // Introspection's own types always reference String and Boolean.
        collector.collect(.scalar(.string))
        collector.collect(.scalar(.boolean))
        // Then the introspection types, reached from __Schema as graphql-js reaches them.
        if includingIntrospection { collector.collect(.object(Introspection.schemaType)) }
        self.types = collector.ordered

        var typeMap: [String: GraphQLNamedType] = [:]
        var implementations: [String: Implementations] = [:]
        for type in collector.ordered {
            typeMap[type.name] = type
            switch type {
            case .object(let object):
                for case .interface(let interface) in object.interfaces {
                    implementations[interface.name, default: Implementations()].objects.append(object)
                }
            case .interface(let implementing):
                for case .interface(let interface) in implementing.interfaces {
                    implementations[interface.name, default: Implementations()].interfaces.append(implementing)
                }
            default:
                break
            }
        }
        self.typeMap = typeMap
        self.implementationsMap = implementations

        var subTypes: [String: Set<String>] = [:]
        for type in collector.ordered {
            switch type {
            case .union(let union):
                subTypes[union.name] = Set(union.types.map(\.name))
            case .interface(let interface):
                let found = implementations[interface.name] ?? Implementations()
                subTypes[interface.name] = Set(found.objects.map(\.name) + found.interfaces.map(\.name))
            default:
                break
            }
        }
        self.subTypeMap = subTypes

        var directiveMap: [String: Int] = [:]
        for (position, directive) in directives.enumerated() where directiveMap[directive.name] == nil {
            directiveMap[directive.name] = position
        }
        self.directiveMap = directiveMap
        self.validationErrors = SchemaValidator(
            rootTypes: rootTypes, types: collector.ordered, directives: directives, astNode: astNode,
            extensionASTNodes: extensionASTNodes, implementations: implementations, subTypes: subTypes,
            source: source, introspectionTypes: includingIntrospection ? Introspection.types : []
        ).validate()
    }

    // MARK: - Lookups

    /// The query root type, if there is one and it is an object type.
    public var queryType: ObjectType? { rootType(for: .query) }
    /// The mutation root type, if there is one and it is an object type.
    public var mutationType: ObjectType? { rootType(for: .mutation) }
    /// The subscription root type, if there is one and it is an object type.
    public var subscriptionType: ObjectType? { rootType(for: .subscription) }

    /// The root object type for an operation (spec §3.3.1 "Root Operation Types").
    public func rootType(for operation: OperationType) -> ObjectType? {
        if case .object(let object)? = rootTypes[operation] { return object }
        return nil
    }

    /// The named type with this name.
    public func type(named name: String) -> GraphQLNamedType? { typeMap[name] }

    /// The directive with this name.
    public func directive(named name: String) -> GraphQLDirective? {
        directiveMap[name].map { directives[$0] }
    }

    /// The object types a value of an abstract type may have: a union's members, an
    /// interface's implementing objects (spec §3.7 "Interfaces", §3.8 "Unions").
    public func possibleTypes(of abstractType: GraphQLNamedType) -> [ObjectType] {
        switch abstractType {
        case .union(let union):
            return union.types.compactMap { if case .object(let object) = $0 { object } else { nil } }
        case .interface(let interface):
            return implementations(of: interface).objects
        default:
            return []
        }
    }

    /// The objects and interfaces that declare they implement `interface`.
    public func implementations(of interface: InterfaceType) -> Implementations {
        implementationsMap[interface.name] ?? Implementations()
    }

    /// Whether `maybeSubType` is a member of the union, or implements the interface,
    /// `abstractType`.
    public func isSubType(_ abstractType: GraphQLNamedType, _ maybeSubType: GraphQLNamedType) -> Bool {
        subTypeMap[abstractType.name]?.contains(maybeSubType.name) ?? false
    }
}

/// Gathers the named types reachable from the given ones, in graphql-js's order: depth first,
/// each type before the types it references.
private struct TypeCollector {
    var ordered: [GraphQLNamedType] = []
    private var seen: Set<String> = []
    private var reserved: Set<String> = []

    /// Types given explicitly keep their own position: references to them wait for them.
    mutating func reserve(_ types: [GraphQLNamedType]) {
        reserved = Set(types.map(\.name))
    }

    mutating func collect(_ type: GraphQLNamedType, reordering: Bool = false) {
        if reordering { reserved.remove(type.name) }
        guard !seen.contains(type.name), !reserved.contains(type.name) else { return }
        seen.insert(type.name)
        ordered.append(type)
        switch type {
        case .union(let union):
            for member in union.types { collect(member) }
        case .object, .interface:
            for interface in type.interfaces { collect(interface) }
            for field in type.fields {
                collect(field.type.namedType)
                for argument in field.arguments { collect(argument.type.namedType) }
            }
        case .inputObject(let inputObject):
            for field in inputObject.fields { collect(field.type.namedType) }
        case .scalar, .enumType:
            break
        }
    }
}
