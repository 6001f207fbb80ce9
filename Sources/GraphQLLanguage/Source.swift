import Synchronization

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
        self.lineStarts = LineStarts(utf8)
    }

    /// The 1-based line and column of a UTF-8 byte offset.
    ///
    /// Finds the line by binary search over the line starts (computed on first use and kept),
    /// so reporting many errors in a large document stays cheap.
    public func location(of offset: Int) -> SourceLocation {
        let end = min(max(offset, 0), utf8.count)
        let starts = lineStarts.value
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= end { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = starts[low]
        while index < end {
            let byte = utf8[index]
            if byte & 0xC0 != 0x80 {
                // A leading byte: one UTF-16 unit, or two for a 4-byte (supplementary) scalar.
                column += byte >= 0xF0 ? 2 : 1
            }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    private let lineStarts: LineStarts
}

/// The byte offsets where lines begin (after `\r\n`, `\n` or `\r`), computed once on demand.
private final class LineStarts: Sendable {
    private let utf8: [UInt8]
    private let computed = Mutex<[Int]?>(nil)

    init(_ utf8: [UInt8]) {
        self.utf8 = utf8
    }

    var value: [Int] {
        computed.withLock { cached in
            if let cached { return cached }
            var starts = [0]
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D {
                    if index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
            cached = starts
            return starts
        }
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
