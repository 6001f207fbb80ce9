import GraphQLLanguage

/// An argument of a field or directive, or a field of an input object: InputValueDefinition
/// (spec §3.6.1 "Field Arguments", §3.10 "Input Objects").
public struct InputValue: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    /// The coerced default value; `nil` when there is none (or the literal was not a valid
    /// value of the type, as graphql-js's `valueFromAST` decides), `.null` for `= null`.
    public var defaultValue: CoercedValue?
    /// The `@deprecated(reason:)` given, if the input value is deprecated.
    public var deprecationReason: String?
    public var astNode: InputValueDefinition?

    public init(
        name: String, description: String? = nil, type: GraphQLType, defaultValue: CoercedValue? = nil,
        deprecationReason: String? = nil, astNode: InputValueDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// A non-null argument or input field without a default value must be given.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}
