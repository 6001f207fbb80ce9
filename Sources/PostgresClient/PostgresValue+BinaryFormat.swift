import Foundation

/// Results come back in PostgreSQL's binary format: exact floats and timestamps, raw bytea,
/// and no dependence on the session's DateStyle or locale.
extension PostgresValue {
    enum DecodingFailure: Error, Equatable {
        case malformed(PostgresDataType, byteCount: Int)
        case invalidUTF8(PostgresDataType)
        case multidimensionalArray(dimensions: Int)
    }

    static func decodeBinary(
        _ bytes: UnsafeRawBufferPointer, as type: PostgresDataType
    ) throws(DecodingFailure) -> PostgresValue {
        var reader = BinaryReader(bytes: bytes, type: type)
        switch type {
        case .bool:
            return .bool(try reader.only(UInt8.self) != 0)
        case .int2:
            return .int16(try reader.only(Int16.self))
        case .int4:
            return .int32(try reader.only(Int32.self))
        case .oid:
            return .int64(Int64(try reader.only(UInt32.self)))
        case .int8:
            return .int64(try reader.only(Int64.self))
        case .float4:
            let bits = try reader.only(UInt32.self)
            return .float64(Double(Float(bitPattern: bits)))
        case .float8:
            let bits = try reader.only(UInt64.self)
            return .float64(Double(bitPattern: bits))
        case .text, .varchar, .bpchar, .name, .json:
            return .text(try reader.string())
        case .jsonb:
            guard try reader.integer(UInt8.self) == 1 else { throw .malformed(type, byteCount: bytes.count) }
            return .jsonb(PostgresJSON(text: try reader.string()))
        case .bytea:
            return .bytea(Array(bytes))
        case .uuid:
            guard bytes.count == 16 else { throw .malformed(type, byteCount: bytes.count) }
            let uuid = bytes.withMemoryRebound(to: UInt8.self) { b in
                UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                            b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
            }
            return .uuid(uuid)
        case .timestamptz, .timestamp:
            let micros = try reader.only(Int64.self)
            return .timestamptz(PostgresTimestamp(microseconds: micros).date)
        case .numeric:
            return .numeric(try reader.numeric())
        default:
            if let elementType = Self.elementTypes[type] {
                return .array(try reader.array(elementType: elementType))
            }
            return .unknown(type, Array(bytes))
        }
    }

    private static let elementTypes: [PostgresDataType: PostgresDataType] = {
        var map: [PostgresDataType: PostgresDataType] = [:]
        for element in [PostgresDataType.bool, .bytea, .int2, .int4, .int8, .text, .varchar, .float4,
                        .float8, .timestamp, .timestamptz, .numeric, .uuid, .json, .jsonb] {
            if let array = element.arrayType { map[array] = element }
        }
        return map
    }()
}

/// Big-endian reads over one binary field; every read checks the length.
private struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    let type: PostgresDataType
    var offset = 0

    init(bytes: UnsafeRawBufferPointer, type: PostgresDataType) {
        self.bytes = bytes
        self.type = type
    }

    var malformed: PostgresValue.DecodingFailure { .malformed(type, byteCount: bytes.count) }

    /// The field's one integer: the field must be exactly its size.
    mutating func only<T: FixedWidthInteger>(_: T.Type) throws(PostgresValue.DecodingFailure) -> T {
        guard bytes.count == MemoryLayout<T>.size else { throw malformed }
        return try integer(T.self)
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(PostgresValue.DecodingFailure) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw malformed }
        var value: T = 0
        for index in offset..<offset + size {
            value = value << 8 | T(truncatingIfNeeded: bytes[index])
        }
        offset += size
        return value
    }

    mutating func string() throws(PostgresValue.DecodingFailure) -> String {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        offset = bytes.count
        guard let string = String(validating: rest, as: UTF8.self) else { throw .invalidUTF8(type) }
        return string
    }

    /// `ndigits, weight, sign, dscale` then base-10000 digits; printed as PostgreSQL prints it.
    mutating func numeric() throws(PostgresValue.DecodingFailure) -> PostgresNumeric {
        let count = Int(try integer(Int16.self))
        let weight = Int(try integer(Int16.self))
        let sign = try integer(UInt16.self)
        let scale = Int(try integer(Int16.self))
        switch sign {
        case 0xC000: return PostgresNumeric("NaN")!
        case 0xD000: return PostgresNumeric("Infinity")!
        case 0xF000: return PostgresNumeric("-Infinity")!
        case 0x0000, 0x4000: break
        default: throw malformed
        }
        var digits: [Int] = []
        for _ in 0..<max(0, count) {
            let digit = Int(try integer(Int16.self))
            guard (0..<10_000).contains(digit) else { throw malformed }
            digits.append(digit)
        }
        func digit(_ index: Int) -> Int { index >= 0 && index < digits.count ? digits[index] : 0 }
        var text = sign == 0x4000 ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            text += String(digit(0))
            for index in stride(from: 1, through: weight, by: 1) {
                let group = String(digit(index))
                text += String(repeating: "0", count: 4 - group.count) + group
            }
        }
        if scale > 0 {
            var fraction = ""
            var index = weight + 1
            while fraction.count < scale {
                let group = String(digit(index))
                fraction += String(repeating: "0", count: 4 - group.count) + group
                index += 1
            }
            text += "." + fraction.prefix(scale)
        }
        return PostgresNumeric(text)!
    }

    /// `ndim, has-null flag, element type, (size, lower bound) per dimension`, then each
    /// element as a length (-1 for `NULL`) and its bytes.
    mutating func array(elementType: PostgresDataType) throws(PostgresValue.DecodingFailure) -> PostgresArray {
        let dimensions = Int(try integer(Int32.self))
        _ = try integer(Int32.self)  // has-null flag: the lengths below say it too
        let sentElementType = PostgresDataType(rawValue: try integer(UInt32.self))
        guard dimensions <= 1 else { throw .multidimensionalArray(dimensions: dimensions) }
        guard dimensions == 1 else { return PostgresArray(elementType: sentElementType, elements: []) }
        let count = Int(try integer(Int32.self))
        _ = try integer(Int32.self)  // lower bound
        guard count >= 0, count <= bytes.count else { throw malformed }
        var elements: [PostgresValue] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try integer(Int32.self))
            if length < 0 {
                elements.append(.null)
                continue
            }
            guard offset + length <= bytes.count else { throw malformed }
            let field = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
            offset += length
            elements.append(try PostgresValue.decodeBinary(field, as: sentElementType))
        }
        return PostgresArray(elementType: elementType, elements: elements)
    }
}
