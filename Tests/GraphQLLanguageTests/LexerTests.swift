import Testing

@testable import GraphQLLanguage

/// Every significant token of `text`, as (kind, value) pairs.
func tokens(_ text: String) throws -> [(TokenKind, String?)] {
    let source = Source(body: text)
    return try source.utf8.withUnsafeBufferPointer { bytes throws(GraphQLError) in
        var lexer = Lexer(bytes: bytes, source: source)
        var result: [(TokenKind, String?)] = []
        while true {
            let token = try lexer.next()
            if token.kind == .endOfFile { return result }
            result.append((token.kind, token.value))
        }
    }
}

/// The single token's value, for tables of literals.
func singleTokenValue(_ text: String) throws -> String? {
    let all = try tokens(text)
    #expect(all.count == 1, "expected one token in \(text.debugDescription)")
    return all.first?.1
}

/// The syntax error `text` produces, as "line:column message".
func syntaxError(_ text: String, options: ParseOptions = ParseOptions()) -> String? {
    do {
        _ = try parse(Source(body: text), options: options)
        return nil
    } catch let error as GraphQLError {
        let location = error.locations.first.map { "\($0.line):\($0.column) " } ?? ""
        return location + error.message
    } catch {
        return "unexpected error type: \(error)"
    }
}

@Suite struct LexerTests {
    @Test(arguments: [
        ("!", TokenKind.bang), ("$", .dollar), ("&", .amp), ("(", .parenL), (")", .parenR), ("...", .spread),
        (":", .colon), ("=", .equals), ("@", .at), ("[", .bracketL), ("]", .bracketR), ("{", .braceL),
        ("|", .pipe), ("}", .braceR),
    ])
    func punctuators(text: String, kind: TokenKind) throws {
        let all = try tokens(text)
        #expect(all.map(\.0) == [kind])
        #expect(all.first?.1 == nil)
    }

    @Test(arguments: [
        ("name", "name"), ("_private", "_private"), ("camelCase123", "camelCase123"), ("__typename", "__typename"),
        ("A", "A"),
    ])
    func names(text: String, value: String) throws {
        #expect(try tokens(text).map(\.0) == [.name])
        #expect(try singleTokenValue(text) == value)
    }

    @Test(arguments: [
        // Ignored tokens: white space, line terminators, commas, comments, the byte order mark.
        ("  \t a", ["a"]),
        ("\u{FEFF}a", ["a"]),
        ("a,b,,,c", ["a", "b", "c"]),
        ("a # comment ,,, b\nc", ["a", "c"]),
        ("a\r\nb\rc\nd", ["a", "b", "c", "d"]),
        ("#only a comment", []),
        ("a\u{FEFF}b", ["a", "b"]),
    ])
    func ignoredTokens(text: String, names: [String]) throws {
        #expect(try tokens(text).compactMap(\.1) == names)
    }

    @Test(arguments: [
        ("0", TokenKind.int, "0"), ("-0", .int, "-0"), ("4", .int, "4"), ("-4", .int, "-4"),
        ("9876543210", .int, "9876543210"), ("4.123", .float, "4.123"), ("-4.123", .float, "-4.123"),
        ("0.123", .float, "0.123"), ("123e4", .float, "123e4"), ("123E4", .float, "123E4"),
        ("123e-4", .float, "123e-4"), ("123e+4", .float, "123e+4"), ("-1.123e4", .float, "-1.123e4"),
        ("-1.123E-4", .float, "-1.123E-4"), ("-1.123e+4567", .float, "-1.123e+4567"), ("0e0", .float, "0e0"),
    ])
    func numbers(text: String, kind: TokenKind, value: String) throws {
        let all = try tokens(text)
        #expect(all.map(\.0) == [kind])
        #expect(all.first?.1 == value)
    }

    @Test(arguments: [
        ("01", "1:2 Syntax Error: Invalid number, unexpected digit after 0: \"1\"."),
        ("00", "1:2 Syntax Error: Invalid number, unexpected digit after 0: \"0\"."),
        ("1.e5", "1:3 Syntax Error: Invalid number, expected digit but got: \"e\"."),
        ("0x1", "1:2 Syntax Error: Invalid number, expected digit but got: \"x\"."),
        ("1.", "1:3 Syntax Error: Invalid number, expected digit but got: <EOF>."),
        (".5", "1:1 Syntax Error: Unexpected character: \".\"."),
        ("1e", "1:3 Syntax Error: Invalid number, expected digit but got: <EOF>."),
        ("-", "1:2 Syntax Error: Invalid number, expected digit but got: <EOF>."),
        ("-a", "1:2 Syntax Error: Invalid number, expected digit but got: \"a\"."),
        ("1.2.3", "1:4 Syntax Error: Invalid number, expected digit but got: \".\"."),
        ("1_000", "1:2 Syntax Error: Invalid number, expected digit but got: \"_\"."),
        ("1.0e", "1:5 Syntax Error: Invalid number, expected digit but got: <EOF>."),
        ("1.A", "1:3 Syntax Error: Invalid number, expected digit but got: \"A\"."),
        ("1e+", "1:4 Syntax Error: Invalid number, expected digit but got: <EOF>."),
        ("1\u{00E9}", "1:1 Syntax Error: Unexpected Int \"1\"."),
    ])
    func invalidNumbers(text: String, expected: String) {
        #expect(syntaxError(text) == expected)
    }

    @Test(arguments: [
        (#""simple""#, "simple"),
        (#"" white space ""#, " white space "),
        (#""quote \"""#, "quote \""),
        (#""escaped \n\r\b\t\f""#, "escaped \n\r\u{8}\t\u{C}"),
        (#""slashes \\ \/""#, "slashes \\ /"),
        (#""unicode \u1234\u5678\u90AB\uCDEF""#, "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"),
        (#""unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}""#, "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"),
        (#""string with unicode escape outside BMP \u{1F600}""#, "string with unicode escape outside BMP 😀"),
        (#""string with minimal unicode escape \u{0}""#, "string with minimal unicode escape \u{0}"),
        (#""string with maximal unicode escape \u{10FFFF}""#, "string with maximal unicode escape \u{10FFFF}"),
        (#""string with maximal minimal unicode escape \u{00000000}""#, "string with maximal minimal unicode escape \u{0}"),
        (#""string with unicode surrogate pair escape \uD83D\uDE00""#, "string with unicode surrogate pair escape 😀"),
        (#""string with unicode surrogate pair escape \uD800\uDC00""#, "string with unicode surrogate pair escape \u{10000}"),
        (#""string with unicode surrogate pair escape \uDBFF\uDFFF""#, "string with unicode surrogate pair escape \u{10FFFF}"),
        ("\"literal é 😀 \u{7}\"", "literal é 😀 \u{7}"),
        (#""""#, ""),
    ])
    func strings(text: String, value: String) throws {
        #expect(try tokens(text).map(\.0) == [.string])
        #expect(try singleTokenValue(text) == value)
    }

    @Test(arguments: [
        ("\"", "1:2 Syntax Error: Unterminated string."),
        ("\"no end quote", "1:14 Syntax Error: Unterminated string."),
        ("'single quotes'", "1:1 Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?"),
        ("\"multi\nline\"", "1:7 Syntax Error: Unterminated string."),
        ("\"multi\rline\"", "1:7 Syntax Error: Unterminated string."),
        (#""bad \z esc""#, "1:6 Syntax Error: Invalid character escape sequence: \"\\z\"."),
        (#""bad \x esc""#, "1:6 Syntax Error: Invalid character escape sequence: \"\\x\"."),
        (#""bad \u1 esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u1 es\"."),
        (#""bad \u0XX1 esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u0XX1\"."),
        (#""bad \uXXXX esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\uXXXX\"."),
        (#""bad \uFXXX esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\uFXXX\"."),
        (#""bad \uXXXF esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\uXXXF\"."),
        (#""bad \u{} esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u{}\"."),
        (#""bad \u{FXXX} esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u{FX\"."),
        (#""bad \u{FFFF esc""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFF \"."),
        (#""bad \u{FFFF""#, "1:6 Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFF\"\"."),
        (#""too high \u{110000} esc""#, "1:11 Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\"."),
        (#""way too high \u{12345678} esc""#, "1:15 Syntax Error: Invalid Unicode escape sequence: \"\\u{12345678}\"."),
        (#""too long \u{000000000} esc""#, "1:11 Syntax Error: Invalid Unicode escape sequence: \"\\u{000000000\"."),
        (#""bad surrogate \uDEAD esc""#, "1:16 Syntax Error: Invalid Unicode escape sequence: \"\\uDEAD\"."),
        (#""bad surrogate \u{DEAD} esc""#, "1:16 Syntax Error: Invalid Unicode escape sequence: \"\\u{DEAD}\"."),
        (#""cannot use braces for surrogate pair \u{D83D}\u{DE00} esc""#, "1:39 Syntax Error: Invalid Unicode escape sequence: \"\\u{D83D}\"."),
        (#""bad high surrogate pair \uDEAD\uDEAD esc""#, "1:26 Syntax Error: Invalid Unicode escape sequence: \"\\uDEAD\"."),
        (#""bad low surrogate pair \uD800\uD800 esc""#, "1:25 Syntax Error: Invalid Unicode escape sequence: \"\\uD800\"."),
        (#""cannot escape half a pair \uD83D\\uDE00 esc""#, "1:28 Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\"."),
    ])
    func invalidStrings(text: String, expected: String) {
        #expect(syntaxError(text) == expected)
    }

    @Test(arguments: [
        (#""""""""#, ""),
        (#""""simple""""#, "simple"),
        (#"""" white space """"#, " white space "),
        (#""""contains " quote""""#, "contains \" quote"),
        (#""""contains \""" triple quote""""#, "contains \"\"\" triple quote"),
        ("\"\"\"multi\nline\"\"\"", "multi\nline"),
        ("\"\"\"multi\rline\r\nnormalized\"\"\"", "multi\nline\nnormalized"),
        (#""""unescaped \n\r\b\t\f\u1234""""#, "unescaped \\n\\r\\b\\t\\f\\u1234"),
        (#""""unescaped unicode outside BMP 😀""""#, "unescaped unicode outside BMP 😀"),
        (#""""slashes \\ \/""""#, "slashes \\\\ \\/"),
        ("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"", "spans\n  multiple\n    lines"),
        ("\"\"\"  first line\n    second\n      third\n\"\"\"", "  first line\nsecond\n  third"),
        ("\"\"\"\n  \t  \n\"\"\"", ""),
        ("\"\"\"\tx\n\t y\"\"\"", "\tx\ny"),
    ])
    func blockStrings(text: String, value: String) throws {
        #expect(try tokens(text).map(\.0) == [.blockString])
        #expect(try singleTokenValue(text) == value)
    }

    @Test(arguments: [
        ("\"\"\"", "1:4 Syntax Error: Unterminated string."),
        ("\"\"\"no end quote", "1:16 Syntax Error: Unterminated string."),
        ("\"\"\"a\nb", "2:2 Syntax Error: Unterminated string."),
    ])
    func invalidBlockStrings(text: String, expected: String) {
        #expect(syntaxError(text) == expected)
    }

    @Test(arguments: [
        ("..", "1:1 Syntax Error: Unexpected character: \".\"."),
        ("~", "1:1 Syntax Error: Unexpected character: \"~\"."),
        ("\u{7}", "1:1 Syntax Error: Unexpected character: U+0007."),
        ("\u{0}", "1:1 Syntax Error: Unexpected character: U+0000."),
        ("\u{FFFF}", "1:1 Syntax Error: Unexpected character: U+FFFF."),
        ("\u{AA}", "1:1 Syntax Error: Unexpected character: U+00AA."),
        ("\u{203B}", "1:1 Syntax Error: Unexpected character: U+203B."),
        ("\u{1F600}", "1:1 Syntax Error: Unexpected character: U+1F600."),
        ("😀 ~", "1:1 Syntax Error: Unexpected character: U+1F600."),
        ("{ a 😀 ~", "1:5 Syntax Error: Unexpected character: U+1F600."),
        ("\"😀\" ~", "1:6 Syntax Error: Unexpected character: \"~\"."),
        ("\n\n    ?\n", "3:5 Syntax Error: Unexpected character: \"?\"."),
        ("\r\n\r\n  ?", "3:3 Syntax Error: Unexpected character: \"?\"."),
        ("\r\r  ?", "3:3 Syntax Error: Unexpected character: \"?\"."),
        ("\"\"\"\n\n\"\"\" ?", "3:5 Syntax Error: Unexpected character: \"?\"."),
    ])
    func unexpectedCharacters(text: String, expected: String) {
        #expect(syntaxError(text) == expected)
    }
}
