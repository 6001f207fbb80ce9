import Batching
import GraphQLSchema

/// What a resolver returns: the field's value, or a promise of it.
///
/// The executor completes it against the field's type (spec §6.4.3 "Value Completion"):
/// leaves are serialized, lists completed item by item, objects become the parent value of
/// their sub-fields.
public enum FieldValue: Sendable {
    case null
    /// A JSON-like value. An object here is both a parent for sub-fields (the default
    /// resolver reads its keys) and, under an abstract type, names its type in `__typename`.
    case json(CoercedValue)
    /// A list of values, each completed against the list's item type.
    case list([FieldValue])
    /// An opaque parent for the sub-fields' resolvers (a store row, a document…), with the
    /// name of its object type when the field's type is abstract.
    case object(any Sendable, typeName: String? = nil)
    /// A value a loader will supply; the executor waits for it without blocking siblings.
    case pending(Pending<FieldValue>)

    /// The payload of an `.object` value, if it has that type.
    public func payload<T>(as type: T.Type) -> T? {
        guard case .object(let payload, _) = self else { return nil }
        return payload as? T
    }

    /// The JSON value, if this is one.
    public var json: CoercedValue? {
        guard case .json(let value) = self else { return nil }
        return value
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .json(.string(value)) }
    public init(integerLiteral value: Int) { self = .json(.int(value)) }
    public init(booleanLiteral value: Bool) { self = .json(.boolean(value)) }
    public init(floatLiteral value: Double) { self = .json(.float(value)) }
    public init(nilLiteral: ()) { self = .null }
}

extension FieldValue {
    /// A string, or null for `nil`.
    public static func string(_ value: String?) -> FieldValue { value.map { .json(.string($0)) } ?? .null }
    /// An integer, or null for `nil`.
    public static func int(_ value: Int?) -> FieldValue { value.map { .json(.int($0)) } ?? .null }
    /// A float, or null for `nil`.
    public static func float(_ value: Double?) -> FieldValue { value.map { .json(.float($0)) } ?? .null }
    /// A boolean, or null for `nil`.
    public static func boolean(_ value: Bool?) -> FieldValue { value.map { .json(.boolean($0)) } ?? .null }
}
