/// A value after input coercion: what a default value holds, and what arguments and
/// variables hold at run time (spec §3.5 "Input Coercion").
///
/// Numbers keep their JavaScript meaning where graphql-js would: `Float` and untyped custom
/// scalar numbers are `Double`s, `Int` is an `int`.
///
/// Not `indirect`: lists and objects hold their members in arrays, which already give the
/// recursion its indirection, so a string or a number needs no heap box of its own (the
/// executor makes one of these per leaf field).
public enum CoercedValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// The name of an enum value.
    case enumValue(String)
    case list([CoercedValue])
    /// An input object (or an untyped object literal), fields in order.
    case object([Entry])

    /// One field of an object value.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var value: CoercedValue

        public init(name: String, value: CoercedValue) {
            self.name = name
            self.value = value
        }
    }

    /// The value of an object's field, if the object has it.
    public subscript(field name: String) -> CoercedValue? {
        guard case .object(let entries) = self else { return nil }
        return entries.first { $0.name == name }?.value
    }

    /// Whether lists and objects nest more than `limit` levels deep; looks no deeper than
    /// `limit + 1` levels.
    public func exceedsDepth(_ limit: Int) -> Bool {
        switch self {
        case .list(let items):
            return limit <= 0 || items.contains { $0.exceedsDepth(limit - 1) }
        case .object(let entries):
            return limit <= 0 || entries.contains { $0.value.exceedsDepth(limit - 1) }
        default:
            return false
        }
    }
}
