import Foundation
import GraphQLExecution
import GraphQLSchema

/// A value the gateway caches in Redis, as a JSON object it writes field by field with
/// `JSON.Writer` and reads back from `JSON.parse` (Foundation's `Codable` coders cost 14% of
/// the CPU of a cached analytics query).
///
/// Reading insists on every field it knows, with its type, and ignores the others; writing
/// refuses a value that would not read back equal (`CacheWriter`). Either refusal makes a
/// cache miss: the value is read from its source, and not cached when it cannot be written.
protocol CacheCoding: Sendable {
    /// The value a cache entry's JSON (as `JSON.parse` reads it) holds.
    init(cacheValue: CoercedValue) throws(CacheCodingError)

    /// Writes the value's JSON.
    func encode(to writer: inout CacheWriter) throws(CacheCodingError)
}

/// Why a value was not read from, or not written to, the cache.
enum CacheCodingError: Error, Equatable {
    /// The entry is not JSON.
    case syntax(JSON.SyntaxError)
    /// An object lacks a field (an entry of another format).
    case missingField(String)
    /// A field, or the value itself (`field` nil), is not of the type expected.
    case wrongType(field: String?)
    /// A field's value would not read back equal: an integer beyond ±2⁵³ (JSON numbers are
    /// doubles), a non-finite double, or a date that is not a whole number of microseconds
    /// in the years 1685–2255.
    case inexact(field: String)
}

extension CacheCoding {
    /// Reads a cache entry.
    init(cacheEntry: String) throws(CacheCodingError) {
        let value: CoercedValue
        do {
            value = try JSON.parse(cacheEntry)
        } catch {
            throw .syntax(error)
        }
        try self.init(cacheValue: value)
    }

    /// The cache entry of the value.
    func cacheEntry() throws(CacheCodingError) -> String {
        var writer = CacheWriter()
        try encode(to: &writer)
        return writer.json.text
    }
}

/// A list is cached as a JSON array of its elements.
extension Array: CacheCoding where Element: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        guard case .list(let items) = cacheValue else { throw .wrongType(field: nil) }
        self = []
        reserveCapacity(items.count)
        for item in items { append(try Element(cacheValue: item)) }
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginList()
        for element in self { try element.encode(to: &writer) }
        writer.endList()
    }
}

// MARK: - Writing

/// Writes a cached value's JSON: objects, lists, and fields of the types cached values hold.
///
/// UUIDs are lowercase strings, dates integers of microseconds since 1970 (PostgreSQL's
/// precision), doubles in their shortest exact form, and a nil optional is left out.
struct CacheWriter {
    private(set) var json = JSON.Writer(capacity: 256)
    /// Whether the next value follows another in the same object or list.
    private var followsValue = false

    mutating func beginObject() {
        separate()
        json.writeRaw("{")
        followsValue = false
    }

    mutating func endObject() {
        json.writeRaw("}")
        followsValue = true
    }

    mutating func beginList() {
        separate()
        json.writeRaw("[")
        followsValue = false
    }

    mutating func endList() {
        json.writeRaw("]")
        followsValue = true
    }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        json.writeString(value)
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        json.writeRaw(value ? "true" : "false")
    }

    mutating func field(_ name: String, _ value: Int) throws(CacheCodingError) {
        guard value.magnitude <= CacheNumbers.exactIntegers else { throw .inexact(field: name) }
        key(name)
        json.writeRaw(String(value))
    }

    /// A double in Swift's shortest form that reads back to the same bits (`4500.0`, `1e-07`),
    /// valid JSON as it is and 40 times faster than `JSON.Writer`'s JavaScript form.
    mutating func field(_ name: String, _ value: Double) throws(CacheCodingError) {
        guard value.isFinite else { throw .inexact(field: name) }
        key(name)
        json.writeRaw(value.description)
    }

    mutating func field(_ name: String, _ value: UUID) {
        field(name, UUIDText.lowercase(value))
    }

    mutating func field(_ name: String, _ value: Date) throws(CacheCodingError) {
        guard let microseconds = CacheNumbers.microsecondsSince1970(value) else { throw .inexact(field: name) }
        key(name)
        json.writeRaw(String(microseconds))
    }

    private mutating func key(_ name: String) {
        separate()
        json.writeString(name)
        json.writeRaw(":")
    }

    private mutating func separate() {
        if followsValue { json.writeRaw(",") }
        followsValue = true
    }
}

// MARK: - Reading

/// Reads the fields of a cached JSON object, each by name and type.
struct CacheFields {
    private let entries: [CoercedValue.Entry]
    /// Where the next field asked for probably is: fields are read in the order they were
    /// written, so a lookup is one comparison (any order works, by a scan).
    private var next = 0

    init(_ value: CoercedValue) throws(CacheCodingError) {
        guard case .object(let entries) = value else { throw .wrongType(field: nil) }
        self.entries = entries
    }

    /// A field's value; nil when the object lacks it.
    mutating func value(_ name: String) -> CoercedValue? {
        if next < entries.count, entries[next].name == name {
            next += 1
            return entries[next - 1].value
        }
        guard let index = entries.firstIndex(where: { $0.name == name }) else { return nil }
        next = index + 1
        return entries[index].value
    }

    mutating func string(_ name: String) throws(CacheCodingError) -> String {
        guard case .string(let text) = try required(name) else { throw .wrongType(field: name) }
        return text
    }

    /// A string, or nil when the field is absent or null.
    mutating func optionalString(_ name: String) throws(CacheCodingError) -> String? {
        switch value(name) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .wrongType(field: name)
        }
    }

    mutating func bool(_ name: String) throws(CacheCodingError) -> Bool {
        guard case .boolean(let flag) = try required(name) else { throw .wrongType(field: name) }
        return flag
    }

    mutating func int(_ name: String) throws(CacheCodingError) -> Int {
        switch try required(name) {
        case .int(let number) where number.magnitude <= CacheNumbers.exactIntegers:
            return number
        case .float(let number) where number.magnitude <= Double(CacheNumbers.exactIntegers) && number.rounded() == number:
            return Int(number)
        default:
            throw .wrongType(field: name)
        }
    }

    mutating func double(_ name: String) throws(CacheCodingError) -> Double {
        switch try required(name) {
        case .float(let number): return number
        case .int(let number): return Double(number)
        default: throw .wrongType(field: name)
        }
    }

    mutating func uuid(_ name: String) throws(CacheCodingError) -> UUID {
        guard let uuid = UUIDText.uuid(try string(name)) else { throw .wrongType(field: name) }
        return uuid
    }

    mutating func date(_ name: String) throws(CacheCodingError) -> Date {
        CacheNumbers.date(microsecondsSince1970: try int(name))
    }

    private mutating func required(_ name: String) throws(CacheCodingError) -> CoercedValue {
        guard let value = value(name) else { throw .missingField(name) }
        return value
    }
}

/// How numbers and dates keep their exact value through JSON.
enum CacheNumbers {
    /// The integers a JSON number (a double, once `JSON.parse` has read it) holds exactly.
    static let exactIntegers: UInt = 1 << 53

    /// Microseconds from 1970 to 2001, Foundation's reference date.
    private static let referenceOffset: Int = 978_307_200_000_000

    /// A date as a whole number of microseconds since 1970, or nil when it is not one or is
    /// beyond ±2⁵³ µs (outside 1685–2255).
    ///
    /// PostgreSQL counts microseconds, and `PostgresClient` makes a `Date` of a count with
    /// `date(microsecondsSince1970:)`'s arithmetic, so its dates come back bit for bit; a date
    /// that would not is refused rather than rounded.
    static func microsecondsSince1970(_ date: Date) -> Int? {
        let fromReference = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard fromReference.magnitude < 0x1p62 else { return nil }  // also refuses NaN
        let microseconds = Int(fromReference) + referenceOffset
        guard microseconds.magnitude <= exactIntegers,
            Self.date(microsecondsSince1970: microseconds) == date
        else { return nil }
        return microseconds
    }

    static func date(microsecondsSince1970 microseconds: Int) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(microseconds - referenceOffset) / 1_000_000)
    }
}

