import GraphQLSchema

/// JSON in and out, written directly over bytes (no Foundation on the hot path).
///
/// Reading follows JavaScript's `JSON.parse`: every number is a `Double` (`.float`), an
/// object keeps its keys in order with a repeated key keeping its first place and last value.
/// Writing follows `JSON.stringify`: numbers in JavaScript's shortest form, strings escaped
/// as it escapes them.
public enum JSON {
    /// An error in a JSON text, with the byte offset where it was found.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Parses a JSON text. Nesting deeper than `maxDepth` is an error, not a stack overflow.
    public static func parse(_ text: String, maxDepth: Int = 512) throws(SyntaxError) -> CoercedValue {
        var bytes = Array(text.utf8)
        bytes.append(0)  // a sentinel, so lookahead never runs off the end
        return try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            var reader = Reader(bytes: buffer, count: buffer.count - 1, maxDepth: maxDepth)
            reader.skipWhitespace()
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            guard reader.index == reader.count else { throw reader.error("Unexpected content after the JSON value") }
            return value
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let count: Int
        let maxDepth: Int
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, count: Int, maxDepth: Int) {
            self.bytes = bytes
            self.count = count
            self.maxDepth = maxDepth
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

        mutating func skipWhitespace() {
            while index < count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func readValue(depth: Int) throws(SyntaxError) -> CoercedValue {
            guard depth <= maxDepth else { throw error("JSON nested deeper than \(maxDepth) levels") }
            guard index < count else { throw error("Unexpected end of JSON") }
            switch bytes[index] {
            case 0x7B: return try readObject(depth: depth)
            case 0x5B: return try readArray(depth: depth)
            case 0x22: return .string(try readString())
            case 0x74: try expectWord("true"); return .boolean(true)
            case 0x66: try expectWord("false"); return .boolean(false)
            case 0x6E: try expectWord("null"); return .null
            case 0x2D, 0x30...0x39: return .float(try readNumber())
            default: throw error("Unexpected character in JSON")
            }
        }

        mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
            let length = word.utf8CodeUnitCount
            guard index + length <= count else { throw error("Unexpected end of JSON") }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
                throw error("Unexpected character in JSON")
            }
            index += length
        }

        /// The most keys an object's repeated keys are looked for by a scan.
        static let scanLimit = 16

        mutating func readObject(depth: Int) throws(SyntaxError) -> CoercedValue {
            index += 1
            var entries: [CoercedValue.Entry] = []
            // A repeated key replaces the earlier value (as JSON.parse does). Small objects,
            // nearly all of them, find it by a scan; past `scanLimit` keys a dictionary takes
            // over, so a huge object stays linear.
            var positions: [String: Int]?
            skipWhitespace()
            if index < count, bytes[index] == 0x7D {
                index += 1
                return .object(entries)
            }
            while true {
                skipWhitespace()
                guard index < count, bytes[index] == 0x22 else { throw error("Expected a string key in JSON object") }
                let key = try readString()
                skipWhitespace()
                guard index < count, bytes[index] == 0x3A else { throw error("Expected ':' in JSON object") }
                index += 1
                skipWhitespace()
                let value = try readValue(depth: depth + 1)
                if let position = positions.map({ $0[key] }) ?? entries.firstIndex(where: { $0.name == key }) {
                    entries[position].value = value
                } else {
                    entries.append(CoercedValue.Entry(name: key, value: value))
                    if positions != nil {
                        positions?[key] = entries.count - 1
                    } else if entries.count > Self.scanLimit {
                        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
                    }
                }
                skipWhitespace()
                guard index < count else { throw error("Unexpected end of JSON") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x7D else { throw error("Expected ',' or '}' in JSON object") }
                index += 1
                return .object(javaScriptKeyOrder(entries))
            }
        }

        mutating func readArray(depth: Int) throws(SyntaxError) -> CoercedValue {
            index += 1
            var items: [CoercedValue] = []
            skipWhitespace()
            if index < count, bytes[index] == 0x5D {
                index += 1
                return .list(items)
            }
            while true {
                skipWhitespace()
                items.append(try readValue(depth: depth + 1))
                skipWhitespace()
                guard index < count else { throw error("Unexpected end of JSON") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x5D else { throw error("Expected ',' or ']' in JSON array") }
                index += 1
                return .list(items)
            }
        }

        mutating func readNumber() throws(SyntaxError) -> Double {
            let start = index
            if bytes[index] == 0x2D { index += 1 }
            guard index < count, isDigit(bytes[index]) else { throw error("Invalid number in JSON") }
            if bytes[index] == 0x30 {
                index += 1
            } else {
                while index < count, isDigit(bytes[index]) { index += 1 }
            }
            let integerEnd = index
            if index < count, bytes[index] == 0x2E {
                index += 1
                guard index < count, isDigit(bytes[index]) else { throw error("Invalid number in JSON") }
                while index < count, isDigit(bytes[index]) { index += 1 }
            }
            if index < count, bytes[index] == 0x65 || bytes[index] == 0x45 {
                index += 1
                if index < count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                guard index < count, isDigit(bytes[index]) else { throw error("Invalid number in JSON") }
                while index < count, isDigit(bytes[index]) { index += 1 }
            }
            // An integer of at most 15 digits is exact as a Double: add it up rather than make a
            // String for strtod (most numbers in our JSON are counts, ids and amounts).
            let digitsStart = bytes[start] == 0x2D ? start + 1 : start
            if integerEnd == index, index - digitsStart <= 15 {
                var value = 0
                for byte in bytes[digitsStart..<index] { value = value * 10 + Int(byte - 0x30) }
                return digitsStart == start ? Double(value) : -Double(value)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let number = Double(text) else { throw error("Invalid number in JSON") }
            return number
        }

        mutating func readString() throws(SyntaxError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < count {
                let byte = bytes[index]
                if byte == 0x22 {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == 0x5C { break }
                if byte < 0x20 { throw error("Control character in JSON string") }
                index += 1
            }
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x22:
                    index += 1
                    return String(decoding: utf8, as: UTF8.self)
                case 0x5C:
                    index += 1
                    guard index < count else { throw error("Unexpected end of JSON") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case 0x22: utf8.append(0x22)
                    case 0x5C: utf8.append(0x5C)
                    case 0x2F: utf8.append(0x2F)
                    case 0x62: utf8.append(0x08)
                    case 0x66: utf8.append(0x0C)
                    case 0x6E: utf8.append(0x0A)
                    case 0x72: utf8.append(0x0D)
                    case 0x74: utf8.append(0x09)
                    case 0x75:
                        var code = try readHex4()
                        if (0xD800...0xDBFF).contains(code), index + 1 < count, bytes[index] == 0x5C,
                            bytes[index + 1] == 0x75
                        {
                            let save = index
                            index += 2
                            let low = try readHex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = save
                            }
                        }
                        // A lone surrogate cannot be held by a Swift string: it becomes U+FFFD.
                        let scalar = Unicode.Scalar(UInt32(code)) ?? "\u{FFFD}"
                        UTF8.encode(scalar) { utf8.append($0) }
                    default:
                        throw error("Invalid escape in JSON string")
                    }
                default:
                    if byte < 0x20 { throw error("Control character in JSON string") }
                    utf8.append(byte)
                    index += 1
                }
            }
            throw error("Unterminated JSON string")
        }

        mutating func readHex4() throws(SyntaxError) -> Int {
            guard index + 4 <= count else { throw error("Invalid \\u escape in JSON string") }
            var code = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: Int
                switch byte {
                case 0x30...0x39: digit = Int(byte) - 0x30
                case 0x41...0x46: digit = Int(byte) - 0x37
                case 0x61...0x66: digit = Int(byte) - 0x57
                default: throw error("Invalid \\u escape in JSON string")
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }
    }

    // MARK: - Writing

    /// The JSON text of a value.
    public static func serialize(_ value: CoercedValue) -> String {
        var writer = Writer()
        writer.write(value)
        return writer.text
    }

    /// Appends JSON to a byte buffer.
    public struct Writer {
        public private(set) var bytes: [UInt8] = []

        public init(capacity: Int = 1024) {
            bytes.reserveCapacity(capacity)
        }

        public var text: String { String(decoding: bytes, as: UTF8.self) }

        public mutating func write(_ value: CoercedValue) {
            switch value {
            case .null: writeRaw("null")
            case .boolean(let flag): writeRaw(flag ? "true" : "false")
            case .int(let number): writeRaw(String(number))
            case .float(let number): writeNumber(number)
            case .string(let text), .enumValue(let text): writeString(text)
            case .list(let items):
                bytes.append(0x5B)
                for (index, item) in items.enumerated() {
                    if index > 0 { bytes.append(0x2C) }
                    write(item)
                }
                bytes.append(0x5D)
            case .object(let entries):
                bytes.append(0x7B)
                for (index, entry) in entries.enumerated() {
                    if index > 0 { bytes.append(0x2C) }
                    writeString(entry.name)
                    bytes.append(0x3A)
                    write(entry.value)
                }
                bytes.append(0x7D)
            }
        }

        /// A number as `JSON.stringify` writes it; non-finite numbers become `null`.
        public mutating func writeNumber(_ number: Double) {
            guard number.isFinite else { return writeRaw("null") }
            if number == number.rounded(.towardZero), abs(number) < 1e15 {
                writeRaw(String(Int(number)))
            } else {
                writeRaw(number.javaScriptDescription)
            }
        }

        public mutating func writeRaw(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        /// A string literal, escaped as `JSON.stringify` escapes it.
        public mutating func writeString(_ text: String) {
            bytes.append(0x22)
            for unit in text.utf8 {
                switch unit {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x00..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(unit >> 4)], hex[Int(unit & 0xF)]])
                default: bytes.append(unit)
                }
            }
            bytes.append(0x22)
        }
    }
}

@inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

/// The order JavaScript gives an object's keys: array indices (canonical integers below
/// 2³² − 1) first, ascending, then the other keys in insertion order.
private func javaScriptKeyOrder(_ entries: [CoercedValue.Entry]) -> [CoercedValue.Entry] {
    func arrayIndex(_ key: String) -> UInt32? {
        guard let first = key.utf8.first, isDigit(first), key.utf8.allSatisfy(isDigit) else { return nil }
        guard key == "0" || first != 0x30, let value = UInt32(key), value < UInt32.max else { return nil }
        return value
    }
    guard entries.contains(where: { arrayIndex($0.name) != nil }) else { return entries }
    let indexed = entries.compactMap { entry in arrayIndex(entry.name).map { ($0, entry) } }.sorted { $0.0 < $1.0 }
    return indexed.map(\.1) + entries.filter { arrayIndex($0.name) == nil }
}
