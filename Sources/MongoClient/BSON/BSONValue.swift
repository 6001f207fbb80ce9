import Foundation

/// One BSON value, as a Swift value. https://bsonspec.org/spec.html
///
/// Every type Chorus stores has its own case; a UUID is BSON binary subtype 4 and stays one
/// (decoding never turns it into legacy subtype 3). Dates have millisecond precision, as in BSON.
public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    /// Binary data of any subtype except a 16-byte subtype 4, which decodes as `.uuid`.
    case binary(subtype: UInt8, bytes: [UInt8])
    /// Binary subtype 4 with 16 bytes.
    case uuid(UUID)
    case objectId(ObjectId)
    case bool(Bool)
    /// UTC datetime, milliseconds since the Unix epoch.
    case date(Date)
    case null
    case regex(pattern: String, options: String)
    case int32(Int32)
    case timestamp(seconds: UInt32, increment: UInt32)
    case int64(Int64)
    case decimal128(Decimal128)
    case minKey
    case maxKey
}

extension BSONValue {
    /// The value as a Swift `Int`, when it is an int32 or int64.
    public var intValue: Int? {
        switch self {
        case .int32(let value): Int(value)
        case .int64(let value): Int(value)
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var documentValue: BSONDocument? {
        if case .document(let value) = self { value } else { nil }
    }

    public var arrayValue: [BSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int32(let value): Double(value)
        case .int64(let value): Double(value)
        default: nil
        }
    }

    /// True for the numeric types `$inc` accepts.
    var isNumber: Bool {
        switch self {
        case .double, .int32, .int64, .decimal128: true
        default: false
        }
    }
}

extension BSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
}

/// Integer literals are int64, the width Swift's `Int` has; write `.int32(…)` for int32.
extension BSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int64(value) }
}
