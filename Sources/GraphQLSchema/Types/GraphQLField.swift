import GraphQLLanguage

/// A field of an object or interface type: FieldDefinition (spec §3.6 "Objects").
///
/// (Named as in graphql-js; `Field` is the AST's selection.)
public struct GraphQLField: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    /// The arguments in declaration order.
    public var arguments: [InputValue]
    /// The `@deprecated(reason:)` given, if the field is deprecated.
    public var deprecationReason: String?
    public var astNode: FieldDefinition?

    public init(
        name: String, description: String? = nil, type: GraphQLType, arguments: [InputValue] = [],
        deprecationReason: String? = nil, astNode: FieldDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.arguments = arguments
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// The argument with this name.
    public func argument(named name: String) -> InputValue? {
        arguments.first { $0.name == name }
    }
}
