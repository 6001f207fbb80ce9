import GraphQLLanguage

/// A leaf type whose values are one of a list of names (spec §3.9 "Enums").
///
/// Immutable once its schema is built: the builder fills in every property before the schema
/// is returned, and nothing mutates it afterwards, so sharing it across tasks is sound
/// (hence `@unchecked Sendable`).
public final class EnumType: @unchecked Sendable {
    /// EnumValueDefinition : Description? EnumValue Directives[Const]?
    public struct Value: Sendable, Hashable {
        public var name: String
        public var description: String?
        /// The `@deprecated(reason:)` given, if the value is deprecated.
        public var deprecationReason: String?
        public var astNode: EnumValueDefinition?

        public init(
            name: String, description: String? = nil, deprecationReason: String? = nil,
            astNode: EnumValueDefinition? = nil
        ) {
            self.name = name
            self.description = description
            self.deprecationReason = deprecationReason
            self.astNode = astNode
        }

        public var isDeprecated: Bool { deprecationReason != nil }
    }

    public let name: String
    public internal(set) var description: String?
    /// The values in declaration order (definition first, then each extension).
    public internal(set) var values: [Value] = [] {
        didSet { valueIndex = NameIndex(values.map(\.name)) }
    }
    public internal(set) var astNode: EnumTypeDefinition?
    public internal(set) var extensionASTNodes: [EnumTypeDefinition]
    private var valueIndex = NameIndex([])

    public init(
        name: String, description: String? = nil, values: [Value] = [], astNode: EnumTypeDefinition? = nil,
        extensionASTNodes: [EnumTypeDefinition] = []
    ) {
        self.name = name
        self.description = description
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.values = values
        self.valueIndex = NameIndex(values.map(\.name))
    }

    /// The value with this name, in O(1).
    public func value(named name: String) -> Value? {
        valueIndex[name].map { values[$0] }
    }

    /// Whether the type has a value with this name, in O(1) and without copying the value out.
    public func hasValue(named name: String) -> Bool {
        valueIndex[name] != nil
    }
}
