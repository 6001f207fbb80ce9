import CMongoC

/// An IEEE 754-2008 128-bit decimal, kept as its two 64-bit halves; text through libbson.
public struct Decimal128: Sendable, Hashable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses decimal text such as "12.50", "-1E+3", "NaN"; nil when libbson rejects it.
    public init?(_ text: String) {
        var value = bson_decimal128_t()
        guard bson_decimal128_from_string(text, &value) else { return nil }
        self.init(value)
    }

    init(_ value: bson_decimal128_t) {
        high = value.high
        low = value.low
    }

    var cValue: bson_decimal128_t {
        var value = bson_decimal128_t()
        value.high = high
        value.low = low
        return value
    }

    public var description: String {
        var value = cValue
        // BSON_DECIMAL128_STRING (43) bytes hold the longest form, NUL included.
        var text = [CChar](repeating: 0, count: 43)
        bson_decimal128_to_string(&value, &text)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
