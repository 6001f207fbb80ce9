import GraphQLLanguage

/// A type as it appears in a field, argument or input field: a named type, possibly wrapped
/// in lists and non-null markers (spec §3.4 "Types", §3.12 "List", §3.13 "Non-Null").
///
/// `nonNull` never wraps another `nonNull`; the SDL cannot express it.
///
/// Only the wrappers are `indirect`: a named type is one reference, boxed for nothing.
public enum GraphQLType: Sendable, Hashable, CustomStringConvertible {
    case named(GraphQLNamedType)
    indirect case list(GraphQLType)
    indirect case nonNull(GraphQLType)

    /// The named type at the core of any wrappers.
    public var namedType: GraphQLNamedType {
        switch self {
        case .named(let type): type
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    /// The type without its outer non-null marker, if any.
    public var nullableType: GraphQLType {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    public var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// IsInputType(type): scalars, enums and input objects, wrapped or not (spec §3.4.2).
    public var isInputType: Bool { namedType.isInputType }

    /// IsOutputType(type): scalars, objects, interfaces, unions and enums, wrapped or not.
    public var isOutputType: Bool { namedType.isOutputType }

    /// The type in SDL notation: `[String!]!`.
    public var description: String {
        switch self {
        case .named(let type): type.name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}
