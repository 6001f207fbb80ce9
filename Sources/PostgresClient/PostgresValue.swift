import Foundation

/// One parameter or result value, typed as PostgreSQL types it.
///
/// Values travel as parameters (`$1`), never inside SQL text: a string holding
/// `'; DROP TABLE users; --` is just a string.
public enum PostgresValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case float64(Double)
    case text(String)
    case bytea([UInt8])
    case uuid(UUID)
    /// A `timestamptz`, to the microsecond.
    case timestamptz(Date)
    case numeric(PostgresNumeric)
    case jsonb(PostgresJSON)
    /// A one-dimensional array; elements may be `.null`.
    case array(PostgresArray)
    /// A result of a type this client does not decode (cast it to `text` in SQL).
    case unknown(PostgresDataType, [UInt8])

    /// The type sent with a parameter: `.unspecified` lets the server infer it.
    public var dataType: PostgresDataType {
        switch self {
        case .null: .unspecified
        case .bool: .bool
        case .int16: .int2
        case .int32: .int4
        case .int64: .int8
        case .float64: .float8
        case .text: .text
        case .bytea: .bytea
        case .uuid: .uuid
        case .timestamptz: .timestamptz
        case .numeric: .numeric
        case .jsonb: .jsonb
        case .array(let array): array.elementType.arrayType ?? .unspecified
        case .unknown(let type, _): type
        }
    }

    public var isNull: Bool { self == .null }
}

/// A one-dimensional PostgreSQL array with its element type.
public struct PostgresArray: Sendable, Hashable {
    public var elementType: PostgresDataType
    public var elements: [PostgresValue]

    public init(elementType: PostgresDataType, elements: [PostgresValue]) {
        self.elementType = elementType
        self.elements = elements
    }
}

/// An exact decimal, kept as PostgreSQL prints it (`12.50`, `-0.001`, `NaN`), so no digit is
/// lost to `Double`.
public struct PostgresNumeric: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// Nil unless `text` is a plain decimal (`-12.500`, `3`, `1e5` is not accepted), `NaN`,
    /// `Infinity` or `-Infinity`.
    public init?(_ text: String) {
        let special = ["NaN", "Infinity", "-Infinity"]
        if !special.contains(text) {
            var digits = Substring(text)
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                parts.contains(where: { !$0.isEmpty })
            else { return nil }
        }
        description = text
    }

    public init(_ value: Int) { description = String(value) }

    /// The value as `Decimal` (38 significant digits at most), nil for NaN and infinities.
    public var decimal: Decimal? { Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) }
}

/// JSON text for a `jsonb` parameter or result; encode and decode it with `Codable`.
public struct PostgresJSON: Sendable, Hashable, CustomStringConvertible {
    /// The JSON document as text; the server validates it.
    public let text: String

    public init(text: String) { self.text = text }

    public init<T: Encodable>(encoding value: T, encoder: JSONEncoder = JSONEncoder()) throws {
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    public var description: String { text }
}

// MARK: - Literals

extension PostgresValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .float64(value) }
    public init(nilLiteral: ()) { self = .null }
}
