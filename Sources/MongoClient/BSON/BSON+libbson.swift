import CMongoC
import Foundation

/// A `bson_t` allocated by libbson (`bson_new`) and freed with `bson_destroy` in `deinit`.
///
/// `bson_t` is declared 128-byte aligned, so Swift imports it as an opaque pointer: libbson
/// allocates it, and Swift reads a finished document through `bson_get_data` (its bytes).
/// Never shared between threads: each one is built, handed to one libmongoc call and dropped
/// inside the same blocking job.
final class OwnedBSON {
    let pointer: OpaquePointer

    init() {
        pointer = bson_new()
    }

    deinit {
        bson_destroy(pointer)
    }

    var constPointer: OpaquePointer { pointer }
}

/// The bytes of a libbson document (its length is the first four bytes, little-endian).
func bytesOf(_ bson: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
    let data = bson_get_data(bson)!
    let length = UnsafeRawPointer(data).loadUnaligned(as: Int32.self).littleEndian
    return UnsafeBufferPointer(start: data, count: Int(length))
}

// MARK: - Encoding: Swift values → bson_t through the non-variadic bson_append_* calls

extension BSONDocument {
    /// A libbson copy of this document. Throws for a key containing NUL or past 2 GiB.
    func makeBSON() throws(MongoError) -> OwnedBSON {
        let bson = OwnedBSON()
        for element in elements {
            try appendValue(element.value, key: element.key, to: bson.pointer)
        }
        return bson
    }

    /// The document's BSON bytes, as sent on the wire.
    public func encoded() throws(MongoError) -> [UInt8] {
        let bson = try makeBSON()
        return Array(bytesOf(bson.pointer))
    }

    /// Copies a libbson document into Swift values.
    init(bson: OpaquePointer) throws(MongoError) {
        try self.init(bytes: bytesOf(bson))
    }
}

private func appendValue(_ value: BSONValue, key: String, to bson: OpaquePointer) throws(MongoError) {
    guard !key.utf8.contains(0) else {
        throw .invalidDocument("a key contains a NUL byte, which BSON keys cannot hold")
    }
    let keyLength = Int32(key.utf8.count)
    // Nested values are encoded first, so the append below cannot throw.
    var child: OwnedBSON?
    switch value {
    case .document(let document):
        child = try document.makeBSON()
    case .array(let values):
        let array = OwnedBSON()
        for (index, element) in values.enumerated() {
            try appendValue(element, key: String(index), to: array.pointer)
        }
        child = array
    default:
        break
    }
    let appended: Bool = key.withCString { (key: UnsafePointer<CChar>) -> Bool in
        switch value {
        case .double(let double):
            return bson_append_double(bson, key, keyLength, double)
        case .string(let string):
            // withCString never passes NULL (libbson would append null for it) and keeps
            // embedded NULs, which BSON strings may hold because they carry a length.
            return string.withCString { bson_append_utf8(bson, key, keyLength, $0, Int32(string.utf8.count)) }
        case .document:
            return bson_append_document(bson, key, keyLength, child!.pointer)
        case .array:
            return bson_append_array(bson, key, keyLength, child!.pointer)
        case .binary(let subtype, let bytes):
            return bytes.withUnsafeBufferPointer {
                bson_append_binary(bson, key, keyLength, bson_subtype_t(UInt32(subtype)), $0.baseAddress, UInt32($0.count))
            }
        case .uuid(let uuid):
            return withUnsafeBytes(of: uuid.uuid) { raw in
                bson_append_binary(bson, key, keyLength, BSON_SUBTYPE_UUID, raw.bindMemory(to: UInt8.self).baseAddress, 16)
            }
        case .objectId(let id):
            var oid = id.oid
            return bson_append_oid(bson, key, keyLength, &oid)
        case .bool(let bool):
            return bson_append_bool(bson, key, keyLength, bool)
        case .date(let date):
            return bson_append_date_time(bson, key, keyLength, Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case .null:
            return bson_append_null(bson, key, keyLength)
        case .regex(let pattern, let options):
            return bson_append_regex(bson, key, keyLength, pattern, options)
        case .int32(let int):
            return bson_append_int32(bson, key, keyLength, int)
        case .timestamp(let seconds, let increment):
            return bson_append_timestamp(bson, key, keyLength, seconds, increment)
        case .int64(let int):
            return bson_append_int64(bson, key, keyLength, int)
        case .decimal128(let decimal):
            var value = decimal.cValue
            return bson_append_decimal128(bson, key, keyLength, &value)
        case .minKey:
            return bson_append_minkey(bson, key, keyLength)
        case .maxKey:
            return bson_append_maxkey(bson, key, keyLength)
        }
    }
    guard appended else {
        throw .invalidDocument("document exceeds BSON's size limit while appending \"\(key)\"")
    }
}

