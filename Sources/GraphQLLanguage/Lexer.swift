/// Turns UTF-8 source bytes into tokens (spec §2 Language, "Lexical Tokens").
///
/// Ignored tokens (white space, line terminators, commas, comments and the byte order mark)
/// are skipped. Every error is a syntax error located at the offending byte, at the same
/// place graphql-js reports it. The lexer reads a buffer borrowed for the duration of one
/// parse; it never copies the source.
struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: Source
    /// Where the next token starts looking.
    private(set) var position: Int = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// The byte at `index`, or -1 past the end (the way `charCodeAt` yields NaN).
    @inline(__always)
    private func byte(at index: Int) -> Int {
        index < bytes.count ? Int(bytes[index]) : -1
    }

    // MARK: - Tokens

    /// Reads the next significant token.
    mutating func next() throws(GraphQLError) -> Token {
        let count = bytes.count
        var index = position
        while index < count {
            let code = bytes[index]
            // Tab, line feed, carriage return, space and comma, by one mask rather than in the
            // switch: indentation is most of a pretty-printed document's bytes, and the
            // switch's indirect jump per byte cost more than the whole test.
            if code <= 0x2C, ignoredMask & (1 << UInt64(code)) != 0 {
                index += 1
                continue
            }
            switch code {
            case 0xEF where byte(at: index + 1) == 0xBB && byte(at: index + 2) == 0xBF:  // BOM
                index += 3
                continue
            case 0x23:  // # comment, up to the end of the line
                index += 1
                while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                continue
            case 0x21: return punctuator(.bang, at: index, length: 1)
            case 0x24: return punctuator(.dollar, at: index, length: 1)
            case 0x26: return punctuator(.amp, at: index, length: 1)
            case 0x28: return punctuator(.parenL, at: index, length: 1)
            case 0x29: return punctuator(.parenR, at: index, length: 1)
            case 0x2E:
                if byte(at: index + 1) == 0x2E, byte(at: index + 2) == 0x2E {
                    return punctuator(.spread, at: index, length: 3)
                }
            case 0x3A: return punctuator(.colon, at: index, length: 1)
            case 0x3D: return punctuator(.equals, at: index, length: 1)
            case 0x40: return punctuator(.at, at: index, length: 1)
            case 0x5B: return punctuator(.bracketL, at: index, length: 1)
            case 0x5D: return punctuator(.bracketR, at: index, length: 1)
            case 0x7B: return punctuator(.braceL, at: index, length: 1)
            case 0x7C: return punctuator(.pipe, at: index, length: 1)
            case 0x7D: return punctuator(.braceR, at: index, length: 1)
            case 0x22:
                if byte(at: index + 1) == 0x22, byte(at: index + 2) == 0x22 {
                    return try readBlockString(from: index)
                }
                return try readString(from: index)
            default:
                break
            }
            if isDigit(Int(code)) || code == 0x2D {
                return try readNumber(from: index)
            }
            if isNameStart(Int(code)) {
                return readName(from: index)
            }
            if code == 0x27 {
                throw syntaxError(
                    at: index, "Unexpected single quote character ('), did you mean to use a double quote (\")?")
            }
            throw syntaxError(at: index, "Unexpected character: \(describeCodePoint(at: index)).")
        }
        position = count
        return Token(kind: .endOfFile, start: count, end: count)
    }

    @inline(__always)
    private mutating func punctuator(_ kind: TokenKind, at start: Int, length: Int) -> Token {
        position = start + length
        return Token(kind: kind, start: start, end: start + length)
    }

    /// Name :: NameStart NameContinue*
    private mutating func readName(from start: Int) -> Token {
        var index = start + 1
        while index < bytes.count, isNameContinue(Int(bytes[index])) { index += 1 }
        position = index
        return Token(kind: .name, start: start, end: index, value: string(start..<index))
    }

    // MARK: - Numbers

    /// IntValue :: IntegerPart; FloatValue :: IntegerPart FractionalPart? ExponentPart?
    ///
    /// A number may not be followed by `.` or a NameStart (`1.e5`, `0x1`), and may not have
    /// leading zeros (`01`).
    private mutating func readNumber(from start: Int) throws(GraphQLError) -> Token {
        var index = start
        var code = byte(at: index)
        var isFloat = false

        if code == 0x2D {  // -
            index += 1
            code = byte(at: index)
        }
        if code == 0x30 {  // 0
            index += 1
            code = byte(at: index)
            if isDigit(code) {
                throw syntaxError(
                    at: index, "Invalid number, unexpected digit after 0: \(describeCodePoint(at: index)).")
            }
        } else {
            index = try readDigits(from: index)
            code = byte(at: index)
        }
        if code == 0x2E {  // .
            isFloat = true
            index = try readDigits(from: index + 1)
            code = byte(at: index)
        }
        if code == 0x45 || code == 0x65 {  // E e
            isFloat = true
            index += 1
            code = byte(at: index)
            if code == 0x2B || code == 0x2D {  // + -
                index += 1
            }
            index = try readDigits(from: index)
            code = byte(at: index)
        }
        if code == 0x2E || isNameStart(code) {
            throw syntaxError(
                at: index, "Invalid number, expected digit but got: \(describeCodePoint(at: index)).")
        }
        position = index
        return Token(kind: isFloat ? .float : .int, start: start, end: index, value: string(start..<index))
    }

    /// Digit+ starting at `start`; returns the index after the last digit.
    private func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard isDigit(byte(at: start)) else {
            throw syntaxError(
                at: start, "Invalid number, expected digit but got: \(describeCodePoint(at: start)).")
        }
        var index = start + 1
        while isDigit(byte(at: index)) { index += 1 }
        return index
    }

    // MARK: - Strings

    /// StringValue :: `"` StringCharacter* `"`, with escapes resolved.
    private mutating func readString(from start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var index = start + 1
        var chunkStart = index
        var value: [UInt8] = []
        var escaped = false

        while index < count {
            let code = bytes[index]
            if code == 0x22 {  // closing quote
                position = index + 1
                let text: String
                if escaped {
                    value.append(contentsOf: bytes[chunkStart..<index])
                    text = String(decoding: value, as: UTF8.self)
                } else {
                    text = string(chunkStart..<index)
                }
                return Token(kind: .string, start: start, end: index + 1, value: text)
            }
            if code == 0x5C {  // backslash
                if !escaped {
                    escaped = true
                    value.reserveCapacity(index - chunkStart + 16)
                }
                value.append(contentsOf: bytes[chunkStart..<index])
                let size: Int
                if byte(at: index + 1) == 0x75 {  // u
                    size =
                        byte(at: index + 2) == 0x7B
                        ? try readVariableWidthUnicodeEscape(at: index, into: &value)
                        : try readFixedWidthUnicodeEscape(at: index, into: &value)
                } else {
                    size = try readEscapedCharacter(at: index, into: &value)
                }
                index += size
                chunkStart = index
                continue
            }
            if code == 0x0A || code == 0x0D { break }
            index += 1
        }
        throw syntaxError(at: index, "Unterminated string.")
    }

    /// EscapedUnicode :: `{` HexDigit+ `}` within `\u{…}`; returns the bytes consumed.
    private func readVariableWidthUnicodeEscape(at start: Int, into value: inout [UInt8]) throws(GraphQLError)
        -> Int
    {
        var point: Int32 = 0
        var size = 3
        while size < 12 {
            let code = byte(at: start + size)
            size += 1
            if code == 0x7D {  // }
                guard size >= 5, let scalar = Unicode.Scalar(UInt32(bitPattern: point)) else { break }
                append(scalar, to: &value)
                return size
            }
            point = (point &<< 4) | Int32(hexValue(code))
            if point < 0 { break }
        }
        throw syntaxError(at: start, "Invalid Unicode escape sequence: \"\(sliceUTF16(from: start, units: size))\".")
    }

    /// EscapedUnicode :: HexDigit HexDigit HexDigit HexDigit, where a leading surrogate must
    /// be followed by `\u` and a trailing one; returns the bytes consumed.
    private func readFixedWidthUnicodeEscape(at start: Int, into value: inout [UInt8]) throws(GraphQLError) -> Int
    {
        let code = read16BitHexCode(at: start + 2)
        if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: max(code, 0))), code >= 0 {
            append(scalar, to: &value)
            return 6
        }
        if (0xD800...0xDBFF).contains(code), byte(at: start + 6) == 0x5C, byte(at: start + 7) == 0x75 {
            let trailing = read16BitHexCode(at: start + 8)
            if (0xDC00...0xDFFF).contains(trailing) {
                let combined = 0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)
                append(Unicode.Scalar(UInt32(combined))!, to: &value)
                return 12
            }
        }
        throw syntaxError(at: start, "Invalid Unicode escape sequence: \"\(sliceUTF16(from: start, units: 6))\".")
    }

    /// Four hex digits as a number, or -1 if any is not a hex digit.
    private func read16BitHexCode(at index: Int) -> Int {
        var code = 0
        for offset in 0..<4 {
            let digit = hexValue(byte(at: index + offset))
            if digit < 0 { return -1 }
            code = code << 4 | digit
        }
        return code
    }

    /// EscapedCharacter :: one of `"` `\` `/` `b` `f` `n` `r` `t`
    private func readEscapedCharacter(at start: Int, into value: inout [UInt8]) throws(GraphQLError) -> Int {
        let resolved: UInt8
        switch byte(at: start + 1) {
        case 0x22: resolved = 0x22
        case 0x5C: resolved = 0x5C
        case 0x2F: resolved = 0x2F
        case 0x62: resolved = 0x08
        case 0x66: resolved = 0x0C
        case 0x6E: resolved = 0x0A
        case 0x72: resolved = 0x0D
        case 0x74: resolved = 0x09
        default:
            throw syntaxError(
                at: start, "Invalid character escape sequence: \"\(sliceUTF16(from: start, units: 2))\".")
        }
        value.append(resolved)
        return 2
    }

    /// BlockString :: `"""` BlockStringCharacter* `"""`, with `\"""` unescaped and the
    /// common indentation removed (spec `BlockStringValue()`).
    private mutating func readBlockString(from start: Int) throws(GraphQLError) -> Token {
        // Fast path: without a `\"""` escape every line is a slice of the source, so the
        // lines are kept as ranges and copied once, dedented, into the value.
        var lineRanges: [Range<Int>] = []
        var lineStart = start + 3
        var scan = lineStart
        while scan < bytes.count {
            let code = bytes[scan]
            if code == 0x22, byte(at: scan + 1) == 0x22, byte(at: scan + 2) == 0x22 {
                lineRanges.append(lineStart..<scan)
                position = scan + 3
                let value = BlockString.dedentedValue(lines: lineRanges, in: bytes)
                return Token(kind: .blockString, start: start, end: scan + 3, value: value)
            }
            if code == 0x5C, byte(at: scan + 1) == 0x22, byte(at: scan + 2) == 0x22, byte(at: scan + 3) == 0x22 {
                return try readEscapedBlockString(from: start)
            }
            if code == 0x0A || code == 0x0D {
                lineRanges.append(lineStart..<scan)
                scan += (code == 0x0D && byte(at: scan + 1) == 0x0A) ? 2 : 1
                lineStart = scan
                continue
            }
            scan += 1
        }
        throw syntaxError(at: scan, "Unterminated string.")
    }

    /// A block string with `\"""` escapes: lines are rebuilt with the escapes resolved.
    private mutating func readEscapedBlockString(from start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var index = start + 3
        var chunkStart = index
        var currentLine: [UInt8] = []
        var lines: [[UInt8]] = []

        while index < count {
            let code = bytes[index]
            if code == 0x22, byte(at: index + 1) == 0x22, byte(at: index + 2) == 0x22 {
                currentLine.append(contentsOf: bytes[chunkStart..<index])
                lines.append(currentLine)
                position = index + 3
                let value = BlockString.dedentedValue(lines: lines)
                return Token(kind: .blockString, start: start, end: index + 3, value: value)
            }
            if code == 0x5C, byte(at: index + 1) == 0x22, byte(at: index + 2) == 0x22, byte(at: index + 3) == 0x22 {
                currentLine.append(contentsOf: bytes[chunkStart..<index])
                chunkStart = index + 1  // drop only the backslash
                index += 4
                continue
            }
            if code == 0x0A || code == 0x0D {
                currentLine.append(contentsOf: bytes[chunkStart..<index])
                lines.append(currentLine)
                currentLine = []
                index += (code == 0x0D && byte(at: index + 1) == 0x0A) ? 2 : 1
                chunkStart = index
                continue
            }
            index += 1
        }
        throw syntaxError(at: index, "Unterminated string.")
    }

    // MARK: - Helpers

    @inline(__always)
    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func append(_ scalar: Unicode.Scalar, to value: inout [UInt8]) {
        UTF8.encode(scalar) { value.append($0) }
    }

    /// The text of `units` UTF-16 code units from a byte offset, as JavaScript's `slice` gives
    /// it. Where the slice would end inside a surrogate pair, JavaScript keeps a lone high
    /// surrogate; a Swift string cannot, so that half becomes U+FFFD.
    private func sliceUTF16(from start: Int, units: Int) -> String {
        var index = start
        var remaining = units
        var splitPair = false
        while remaining > 0, index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if length == 4 && remaining == 1 {
                splitPair = true
                break
            }
            remaining -= length == 4 ? 2 : 1
            index = min(index + length, bytes.count)
        }
        return string(start..<index) + (splitPair ? "\u{FFFD}" : "")
    }

    /// The code point at a byte offset as error messages print it: `"c"` for printable
    /// ASCII, `'"'` for a quote, `U+XXXX` otherwise, `<EOF>` past the end.
    func describeCodePoint(at index: Int) -> String {
        guard index < bytes.count else { return TokenKind.endOfFile.displayName }
        let lead = bytes[index]
        if lead >= 0x20, lead <= 0x7E {
            return lead == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(lead)))\""
        }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        let scalarValue: UInt32
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): scalarValue = scalar.value
        default: scalarValue = 0xFFFD
        }
        let hex = String(scalarValue, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    func syntaxError(at offset: Int, _ description: String) -> GraphQLError {
        GraphQLError(message: "Syntax Error: " + description, locations: [source.location(of: offset)])
    }
}

/// Bits 0x09 (tab), 0x0A (line feed), 0x0D (carriage return), 0x20 (space) and 0x2C (comma):
/// `1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x2C`, as a literal so that it needs
/// no lazy initialisation.
private let ignoredMask: UInt64 = 0x1001_0000_2600

@inline(__always) private func isDigit(_ code: Int) -> Bool { code >= 0x30 && code <= 0x39 }

@inline(__always) private func isLetter(_ code: Int) -> Bool {
    (code >= 0x61 && code <= 0x7A) || (code >= 0x41 && code <= 0x5A)
}

/// NameStart :: Letter | `_`
@inline(__always) private func isNameStart(_ code: Int) -> Bool { isLetter(code) || code == 0x5F }

/// NameContinue :: Letter | Digit | `_`
@inline(__always) private func isNameContinue(_ code: Int) -> Bool { isLetter(code) || isDigit(code) || code == 0x5F }

@inline(__always) private func hexValue(_ code: Int) -> Int {
    switch code {
    case 0x30...0x39: code - 0x30
    case 0x41...0x46: code - 0x37
    case 0x61...0x66: code - 0x57
    default: -1
    }
}
