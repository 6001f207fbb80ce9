/// A BSON document: string keys with values, in the order they were written.
///
/// Lookups by key are linear, which is what small documents want; a key may repeat when a
/// document came from the wire that way, and `subscript` then reads the first occurrence.
public struct BSONDocument: Sendable, Hashable {
    public struct Element: Sendable, Hashable {
        public var key: String
        public var value: BSONValue

        public init(key: String, value: BSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var elements: [Element]

    public init() { elements = [] }

    public init(_ elements: [(String, BSONValue)]) {
        self.elements = elements.map { Element(key: $0.0, value: $0.1) }
    }

    public var keys: [String] { elements.map(\.key) }
    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }

    /// The first value stored under `key`; setting replaces it in place or appends; setting nil removes it.
    public subscript(key: String) -> BSONValue? {
        get { elements.first { $0.key == key }?.value }
        set {
            let index = elements.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): elements[index].value = value
            case (let index?, nil): elements.remove(at: index)
            case (nil, let value?): elements.append(Element(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Appends without looking for an existing key.
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append(Element(key: key, value: value))
    }

    /// Puts `key` first (where mongod keeps `_id`), replacing any value it had.
    mutating func prepend(_ key: String, _ value: BSONValue) {
        elements.removeAll { $0.key == key }
        elements.insert(Element(key: key, value: value), at: 0)
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension BSONDocument: Sequence {
    public func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }
}

extension BSONDocument: CustomStringConvertible {
    /// Relaxed extended-JSON-like text for logs and test failures (never parsed back).
    public var description: String {
        "{" + elements.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }
}

extension BSONValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .double(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .document(let value): value.description
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .binary(let subtype, let bytes): "Binary(\(subtype), \(bytes.count) bytes)"
        case .uuid(let value): "UUID(\"\(value.uuidString.lowercased())\")"
        case .objectId(let value): "ObjectId(\"\(value)\")"
        case .bool(let value): "\(value)"
        case .date(let value): "Date(\(Int64((value.timeIntervalSince1970 * 1000).rounded())))"
        case .null: "null"
        case .regex(let pattern, let options): "/\(pattern)/\(options)"
        case .int32(let value): "\(value)"
        case .timestamp(let seconds, let increment): "Timestamp(\(seconds), \(increment))"
        case .int64(let value): "NumberLong(\(value))"
        case .decimal128(let value): "NumberDecimal(\"\(value)\")"
        case .minKey: "MinKey"
        case .maxKey: "MaxKey"
        }
    }
}
