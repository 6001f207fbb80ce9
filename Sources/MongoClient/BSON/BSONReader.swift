import Foundation

/// Decodes BSON bytes into Swift values, validating as it goes. https://bsonspec.org/spec.html
///
/// Written in Swift rather than over `bson_iter_t`, which (being 128-byte aligned) Swift cannot
/// allocate. Every length is checked against the bytes that remain, every string must be valid
/// UTF-8, and nesting is capped, so no input can read out of bounds or exhaust the stack.
struct BSONReader {
    static let maximumDepth = 200

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads one whole document that must fill `bytes` exactly.
    static func document(_ bytes: UnsafeBufferPointer<UInt8>) throws(MongoError) -> BSONDocument {
        var reader = BSONReader(bytes)
        let document = try reader.readDocument(depth: 0)
        guard reader.offset == bytes.count else {
            throw .invalidBSON("\(bytes.count - reader.offset) bytes after the end of the document")
        }
        return document
    }

    private mutating func fail(_ message: String) -> MongoError {
        .invalidBSON("\(message) at byte \(offset)")
    }

    private mutating func take(_ count: Int) throws(MongoError) -> UnsafeBufferPointer<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw fail("truncated data") }
        defer { offset += count }
        return UnsafeBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    private mutating func read<T: FixedWidthInteger>(_: T.Type) throws(MongoError) -> T {
        let raw = try take(MemoryLayout<T>.size)
        return T(littleEndian: UnsafeRawBufferPointer(raw).loadUnaligned(as: T.self))
    }

    private mutating func readCString(_ what: String) throws(MongoError) -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw fail("unterminated \(what)") }
        let raw = try take(end - offset)
        offset += 1
        guard let string = String(validating: raw, as: UTF8.self) else { throw fail("invalid UTF-8 in a \(what)") }
        return string
    }

    private mutating func readString(_ key: String) throws(MongoError) -> String {
        let length = Int(try read(Int32.self))
        guard length >= 1 else { throw fail("bad string length for \"\(key)\"") }
        let raw = try take(length)
        guard raw[length - 1] == 0 else { throw fail("string \"\(key)\" is not NUL-terminated") }
        guard let string = String(validating: UnsafeBufferPointer(rebasing: raw[0..<length - 1]), as: UTF8.self) else {
            throw fail("invalid UTF-8 in the string \"\(key)\"")
        }
        return string
    }

    mutating func readDocument(depth: Int) throws(MongoError) -> BSONDocument {
        guard depth < Self.maximumDepth else { throw fail("documents nested deeper than \(Self.maximumDepth)") }
        let start = offset
        let length = Int(try read(Int32.self))
        guard length >= 5, length <= bytes.count - start else { throw fail("bad document length \(length)") }
        let end = start + length
        var document = BSONDocument()
        while offset < end - 1 {
            let type = try read(UInt8.self)
            let key = try readCString("key")
            document.append(key, try readValue(type: type, key: key, depth: depth))
        }
        guard offset == end - 1, try read(UInt8.self) == 0 else { throw fail("document does not end where its length says") }
        return document
    }

    private mutating func readValue(type: UInt8, key: String, depth: Int) throws(MongoError) -> BSONValue {
        switch type {
        case 0x01: return .double(Double(bitPattern: try read(UInt64.self)))
        case 0x02: return .string(try readString(key))
        case 0x03: return .document(try readDocument(depth: depth + 1))
        case 0x04: return .array(try readDocument(depth: depth + 1).elements.map(\.value))
        case 0x05:
            let length = Int(try read(Int32.self))
            let subtype = try read(UInt8.self)
            let data = Array(try take(length))
            if subtype == 4, data.count == 16 {
                return .uuid(UUID(uuid: data.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }))
            }
            return .binary(subtype: subtype, bytes: data)
        case 0x07: return .objectId(ObjectId(bytes: Array(try take(12)))!)
        case 0x08:
            switch try read(UInt8.self) {
            case 0: return .bool(false)
            case 1: return .bool(true)
            default: throw fail("boolean \"\(key)\" is neither 0 nor 1")
            }
        case 0x09: return .date(Date(timeIntervalSince1970: Double(try read(Int64.self)) / 1000))
        case 0x0A: return .null
        case 0x0B: return .regex(pattern: try readCString("regex"), options: try readCString("regex options"))
        case 0x10: return .int32(try read(Int32.self))
        case 0x11:
            let increment = try read(UInt32.self)
            return .timestamp(seconds: try read(UInt32.self), increment: increment)
        case 0x12: return .int64(try read(Int64.self))
        case 0x13:
            let low = try read(UInt64.self)
            return .decimal128(Decimal128(high: try read(UInt64.self), low: low))
        case 0xFF: return .minKey
        case 0x7F: return .maxKey
        default:
            // undefined, DBPointer, JavaScript code, symbol: deprecated types no Chorus data uses.
            throw fail("unsupported BSON type 0x\(String(type, radix: 16)) for \"\(key)\"")
        }
    }
}

extension BSONDocument {
    /// Decodes BSON bytes, validating structure and UTF-8.
    public init(bytes: [UInt8]) throws(MongoError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(MongoError) in try BSONReader.document(buffer) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) throws(MongoError) {
        self = try BSONReader.document(bytes)
    }
}
