/// The kinds of lexical token (spec §2.1.6 Lexical Tokens), plus start and end of file.
public enum TokenKind: UInt8, Sendable, Hashable {
    case startOfFile, endOfFile
    case bang, dollar, amp, parenL, parenR, spread, colon, equals, at, bracketL, bracketR, braceL,
        pipe, braceR
    case name, int, float, string, blockString

    /// How error messages name the kind: punctuators quoted, the rest by class.
    public var displayName: String {
        switch self {
        case .startOfFile: "<SOF>"
        case .endOfFile: "<EOF>"
        case .bang: "\"!\""
        case .dollar: "\"$\""
        case .amp: "\"&\""
        case .parenL: "\"(\""
        case .parenR: "\")\""
        case .spread: "\"...\""
        case .colon: "\":\""
        case .equals: "\"=\""
        case .at: "\"@\""
        case .bracketL: "\"[\""
        case .bracketR: "\"]\""
        case .braceL: "\"{\""
        case .pipe: "\"|\""
        case .braceR: "\"}\""
        case .name: "Name"
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .blockString: "BlockString"
        }
    }
}

/// One token: its kind, its byte range, and for names, numbers and strings, its value
/// (strings with escapes resolved and block-string indentation removed).
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    public var value: String?

    public init(kind: TokenKind, start: Int, end: Int, value: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
    }

    /// How error messages describe the token: its kind, then its value in quotes.
    var displayDescription: String {
        if let value { return "\(kind.displayName) \"\(value)\"" }
        return kind.displayName
    }
}
