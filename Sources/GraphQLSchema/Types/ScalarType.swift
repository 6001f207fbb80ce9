import GraphQLLanguage

/// A leaf type whose values are opaque to GraphQL (spec §3.5 "Scalars").
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class ScalarType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    /// The URL given by `@specifiedBy(url:)` on the definition.
    public internal(set) var specifiedByURL: String?
    /// How literal and runtime values become values of this scalar; `nil` for a custom scalar
    /// built from SDL, whose values pass through unchanged.
    public let coercion: (any ScalarCoercing)?
    public internal(set) var astNode: ScalarTypeDefinition?
    public internal(set) var extensionASTNodes: [ScalarTypeDefinition]

    public init(
        name: String, description: String? = nil, specifiedByURL: String? = nil,
        coercion: (any ScalarCoercing)? = nil, astNode: ScalarTypeDefinition? = nil,
        extensionASTNodes: [ScalarTypeDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.coercion = coercion
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }

    /// Whether this is one of the five scalars the specification defines.
    public var isSpecifiedScalar: Bool {
        ScalarType.specifiedScalarTypes.contains { $0 === self }
    }
}

/// What a scalar does with the values it receives: the hooks input coercion (and, later,
/// result serialization) call. The built-in scalars implement it; a custom scalar may.
public protocol ScalarCoercing: Sendable {
    /// Coerces a literal (spec §3.5 "Input Coercion"); throws when the literal is not a valid
    /// value of the scalar.
    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue

    /// Turns an internal value into the value a response (or a printed default) carries.
    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue
}

/// A value that a scalar cannot accept or produce, with graphql-js's message.
public struct ScalarCoercionError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
