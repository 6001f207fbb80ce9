/// A GraphQL document's text, with the name it is reported under.
///
/// The lexer reads the UTF-8 bytes; positions are byte offsets. `location(of:)` turns an
/// offset into the line and column that clients see: columns count UTF-16 code units, as
/// graphql-js and browsers do, and `\r\n`, `\n` and `\r` each end a line.
public struct Source: Sendable {
    public let body: String
    public let name: String
    /// The body as UTF-8, the lexer's input.
    public let utf8: [UInt8]

    public init(body: String, name: String = "GraphQL request") {
        self.body = body
        self.name = name
        self.utf8 = Array(body.utf8)
    }

    /// The 1-based line and column of a UTF-8 byte offset.
    public func location(of offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, utf8.count)
        while index < end {
            let byte = utf8[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
                if index + 1 < end, utf8[index + 1] == 0x0A { index += 1 }
            } else if byte & 0xC0 != 0x80 {
                // A leading byte: one UTF-16 unit, or two for a 4-byte (supplementary) scalar.
                column += byte >= 0xF0 ? 2 : 1
            }
            index += 1
        }
        return SourceLocation(line: line, column: column)
    }
}

/// A position in a source as clients see it: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
