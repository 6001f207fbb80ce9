/// Block strings (spec §2.9.4 "Block Strings"): reading their value and printing one back.
public enum BlockString {
    /// `BlockStringValue(rawValue)`: removes the common indentation of every line but the
    /// first, then the leading and trailing blank lines, and joins the lines with `\n`.
    static func dedentedValue(lines: [[UInt8]]) -> String {
        var commonIndent = Int.max
        var firstNonEmptyLine: Int?
        var lastNonEmptyLine = -1
        for (index, line) in lines.enumerated() {
            let indent = leadingWhitespace(line)
            if indent == line.count { continue }  // blank line
            if firstNonEmptyLine == nil { firstNonEmptyLine = index }
            lastNonEmptyLine = index
            if index != 0, indent < commonIndent { commonIndent = indent }
        }
        guard let first = firstNonEmptyLine else { return "" }
        var result: [UInt8] = []
        for index in first...lastNonEmptyLine {
            if index != first { result.append(0x0A) }
            let line = lines[index]
            if index == 0 {
                result.append(contentsOf: line)
            } else if line.count > commonIndent {
                result.append(contentsOf: line[commonIndent...])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `BlockStringValue(rawValue)` for lines that are ranges of `bytes`, copied once.
    static func dedentedValue(lines: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var commonIndent = Int.max
        var firstNonEmptyLine: Int?
        var lastNonEmptyLine = -1
        for (index, line) in lines.enumerated() {
            var indent = 0
            while indent < line.count, bytes[line.lowerBound + indent] == 0x20 || bytes[line.lowerBound + indent] == 0x09 {
                indent += 1
            }
            if indent == line.count { continue }  // blank line
            if firstNonEmptyLine == nil { firstNonEmptyLine = index }
            lastNonEmptyLine = index
            if index != 0, indent < commonIndent { commonIndent = indent }
        }
        guard let first = firstNonEmptyLine else { return "" }
        var result: [UInt8] = []
        result.reserveCapacity(lines[lastNonEmptyLine].upperBound - lines[first].lowerBound)
        for index in first...lastNonEmptyLine {
            if index != first { result.append(0x0A) }
            let line = lines[index]
            if index == 0 {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
            } else if line.count > commonIndent {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(line.lowerBound + commonIndent)..<line.upperBound]))
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func leadingWhitespace(_ line: [UInt8]) -> Int {
        var count = 0
        while count < line.count, line[count] == 0x20 || line[count] == 0x09 { count += 1 }
        return count
    }

    /// Whether `value` survives a round trip through `print` as a block string: no control
    /// characters, no leading blank line, no trailing blank line, no common indentation.
    public static func isPrintable(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var isEmptyLine = true
        var hasIndent = false
        var hasCommonIndent = true
        var seenNonEmptyLine = false
        for unit in value.utf8 {
            switch unit {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x0D:
                return false
            case 0x0A:
                if isEmptyLine && !seenNonEmptyLine { return false }  // leading new line
                seenNonEmptyLine = true
                isEmptyLine = true
                hasIndent = false
            case 0x09, 0x20:
                if !hasIndent { hasIndent = isEmptyLine }
            default:
                if hasCommonIndent { hasCommonIndent = hasIndent }
                isEmptyLine = false
            }
        }
        if isEmptyLine { return false }  // trailing empty lines
        if hasCommonIndent && seenNonEmptyLine { return false }  // internal indentation
        return true
    }

    /// Prints `value` as a block string the way graphql-js `printBlockString` lays it out.
    ///
    /// Works on UTF-8 code units, never on Characters: a quote followed by a combining mark
    /// is still a quote here.
    public static func print(_ value: String) -> String {
        let raw = Array(value.utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(raw.count + 8)
        var index = 0
        while index < raw.count {
            if raw[index] == 0x22, index + 2 < raw.count, raw[index + 1] == 0x22, raw[index + 2] == 0x22 {
                escaped.append(contentsOf: [0x5C, 0x22, 0x22, 0x22])
                index += 3
            } else {
                escaped.append(raw[index])
                index += 1
            }
        }
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine =
            lines.count > 1 && lines.dropFirst().allSatisfy { $0.isEmpty || isWhiteSpace($0.first!) }
        let hasTrailingTripleQuotes = escaped.count >= 4 && escaped.suffix(4).elementsEqual([0x5C, 0x22, 0x22, 0x22])
        let hasTrailingQuote = raw.last == 0x22 && !hasTrailingTripleQuotes
        let hasTrailingSlash = raw.last == 0x5C
        let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines =
            !isSingleLine || value.utf16.count > 70 || forceTrailingNewline || forceLeadingNewLine
            || hasTrailingTripleQuotes
        let skipLeadingNewLine = isSingleLine && raw.first.map(isWhiteSpace) == true

        var result: [UInt8] = [0x22, 0x22, 0x22]
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result.append(0x0A) }
        result.append(contentsOf: escaped)
        if printAsMultipleLines || forceTrailingNewline { result.append(0x0A) }
        result.append(contentsOf: [0x22, 0x22, 0x22])
        return String(decoding: result, as: UTF8.self)
    }

    private static func isWhiteSpace(_ unit: UInt8) -> Bool { unit == 0x20 || unit == 0x09 }

    /// Splits on `\r\n`, `\n` and `\r`.
    private static func splitLines(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var index = 0
        while index < text.count {
            let unit = text[index]
            if unit == 0x0A || unit == 0x0D {
                lines.append(text[lineStart..<index])
                index += (unit == 0x0D && index + 1 < text.count && text[index + 1] == 0x0A) ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(text[lineStart..<text.count])
        return lines
    }
}
