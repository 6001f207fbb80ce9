import Foundation

/// A Swift type that converts to and from one PostgreSQL type.
public protocol PostgresValueConvertible: Sendable {
    /// The PostgreSQL type of this Swift type, used for arrays of it and for typed `NULL`s.
    static var postgresDataType: PostgresDataType { get }
    var postgresValue: PostgresValue { get }
    /// Nil when `value` holds another type (or `NULL`).
    init?(postgresValue value: PostgresValue)
}

extension PostgresValue {
    /// `PostgresValue(userID)`, `PostgresValue([1, 2, 3])`, `PostgresValue(Optional<String>.none)`.
    public init(_ value: some PostgresValueConvertible) { self = value.postgresValue }
}

extension String: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .text }
    public var postgresValue: PostgresValue { .text(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .text(let text) = value else { return nil }
        self = text
    }
}

extension Bool: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .bool }
    public var postgresValue: PostgresValue { .bool(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .bool(let bool) = value else { return nil }
        self = bool
    }
}

extension Int16: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .int2 }
    public var postgresValue: PostgresValue { .int16(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .int16(let int) = value else { return nil }
        self = int
    }
}

extension Int32: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .int4 }
    public var postgresValue: PostgresValue { .int32(self) }
    public init?(postgresValue value: PostgresValue) {
        switch value {
        case .int16(let int): self = Int32(int)
        case .int32(let int): self = int
        default: return nil
        }
    }
}

extension Int64: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .int8 }
    public var postgresValue: PostgresValue { .int64(self) }
    public init?(postgresValue value: PostgresValue) {
        switch value {
        case .int16(let int): self = Int64(int)
        case .int32(let int): self = Int64(int)
        case .int64(let int): self = int
        default: return nil
        }
    }
}

/// `Int` reads any integer column; it is sent as `int8`.
extension Int: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .int8 }
    public var postgresValue: PostgresValue { .int64(Int64(self)) }
    public init?(postgresValue value: PostgresValue) {
        guard let int = Int64(postgresValue: value) else { return nil }
        self = Int(int)
    }
}

extension Double: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .float8 }
    public var postgresValue: PostgresValue { .float64(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .float64(let double) = value else { return nil }
        self = double
    }
}

extension UUID: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .uuid }
    public var postgresValue: PostgresValue { .uuid(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .uuid(let uuid) = value else { return nil }
        self = uuid
    }
}

extension Date: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .timestamptz }
    public var postgresValue: PostgresValue { .timestamptz(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .timestamptz(let date) = value else { return nil }
        self = date
    }
}

extension PostgresNumeric: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .numeric }
    public var postgresValue: PostgresValue { .numeric(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .numeric(let numeric) = value else { return nil }
        self = numeric
    }
}

extension PostgresJSON: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .jsonb }
    public var postgresValue: PostgresValue { .jsonb(self) }
    public init?(postgresValue value: PostgresValue) {
        guard case .jsonb(let json) = value else { return nil }
        self = json
    }
}

/// Bytes for `bytea`.
extension Data: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { .bytea }
    public var postgresValue: PostgresValue { .bytea([UInt8](self)) }
    public init?(postgresValue value: PostgresValue) {
        guard case .bytea(let bytes) = value else { return nil }
        self = Data(bytes)
    }
}

/// `nil` is `NULL`, typed as `Wrapped`.
extension Optional: PostgresValueConvertible where Wrapped: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }
    public var postgresValue: PostgresValue { self?.postgresValue ?? .null }
    public init?(postgresValue value: PostgresValue) {
        if value == .null {
            self = .none
        } else {
            guard let wrapped = Wrapped(postgresValue: value) else { return nil }
            self = .some(wrapped)
        }
    }
}

/// One-dimensional arrays: `[UUID]` is `uuid[]`, `[String?]` is `text[]` with `NULL`s.
extension Array: PostgresValueConvertible where Element: PostgresValueConvertible {
    public static var postgresDataType: PostgresDataType { Element.postgresDataType.arrayType ?? .unspecified }
    public var postgresValue: PostgresValue {
        .array(PostgresArray(elementType: Element.postgresDataType, elements: map(\.postgresValue)))
    }
    public init?(postgresValue value: PostgresValue) {
        guard case .array(let array) = value else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(array.elements.count)
        for element in array.elements {
            guard let converted = Element(postgresValue: element) else { return nil }
            elements.append(converted)
        }
        self = elements
    }
}
