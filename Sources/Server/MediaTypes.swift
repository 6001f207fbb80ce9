/// The media types of a GraphQL response (GraphQL over HTTP, "Media Types").
enum ResponseMediaType: Sendable, Equatable {
    /// `application/graphql-response+json`: status codes say how far the request got.
    case graphQLResponse
    /// `application/json`, for legacy clients: `200` for every well-formed request.
    case json

    /// The `Content-Type` value, always with the encoding (the spec's "SHOULD indicate").
    var contentType: String {
        switch self {
        case .graphQLResponse: "application/graphql-response+json; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// Picks the response media type for a request's `Accept` header ("Body": "the highest
    /// priority media type listed that is supported by the server"), or nil when the client
    /// accepts neither (the caller answers `406`).
    ///
    /// A missing or empty header is treated as `*/*` (RFC 9110 §12.5.1), and anything a
    /// wildcard alone selects is `application/json`, which legacy clients understand: the
    /// draft leaves the choice to the server there. Between the two types with equal quality,
    /// one named explicitly beats one matched by a wildcard; two named explicitly go by order.
    static func negotiate(accept: String?) -> ResponseMediaType? {
        guard let accept, !accept.allSatisfy(\.isWhitespace) else { return .json }
        // The values clients send most, answered without parsing.
        switch accept {
        case "application/graphql-response+json", "application/graphql-response+json, application/json;q=0.9":
            return .graphQLResponse
        case "application/json": return .json
        default: break
        }
        let header = AcceptHeader(accept)
        let graphQL = header.preference(type: "application", subtype: "graphql-response+json")
        let json = header.preference(type: "application", subtype: "json")
        switch (graphQL, json) {
        case (nil, nil): return nil
        case (.some, nil): return .graphQLResponse
        case (nil, .some): return .json
        case (.some(let graphQL), .some(let json)):
            if graphQL.quality != json.quality { return graphQL.quality > json.quality ? .graphQLResponse : .json }
            if graphQL.specificity != json.specificity {
                return graphQL.specificity > json.specificity ? .graphQLResponse : .json
            }
            if graphQL.specificity == AcceptHeader.Preference.exact {
                return graphQL.position < json.position ? .graphQLResponse : .json
            }
            return .json
        }
    }

    /// Whether a browser-style `Accept` header asks for HTML before JSON: `text/html` with a
    /// higher quality than either JSON type, or the same quality but named explicitly where
    /// JSON only comes from a wildcard (`text/html,…,*/*;q=0.8`).
    static func prefersHTML(accept: String?) -> Bool {
        guard let accept else { return false }
        let header = AcceptHeader(accept)
        guard let html = header.preference(type: "text", subtype: "html") else { return false }
        let jsonPreferences = [
            header.preference(type: "application", subtype: "graphql-response+json"),
            header.preference(type: "application", subtype: "json"),
        ].compactMap { $0 }
        return jsonPreferences.allSatisfy { json in
            html.quality > json.quality || (html.quality == json.quality && html.specificity > json.specificity)
        }
    }
}

/// Whether a POST body's `Content-Type` is one the server reads: `application/json`, in
/// UTF-8 (assumed when no charset is given, as the spec requires).
func isJSONRequestBody(contentType: String?) -> Bool {
    // What nearly every client sends, answered without parsing.
    if contentType == "application/json" || contentType == "application/json; charset=utf-8" { return true }
    guard let contentType, let mediaType = MediaType(parsing: contentType[...]) else { return false }
    guard mediaType.type == "application", mediaType.subtype == "json" else { return false }
    return mediaType.isUTF8
}

/// A media type or media range with its parameters: `type/subtype; name=value; …`
/// (RFC 9110 §8.3.1). Type, subtype and parameter names are case-insensitive and kept in
/// lower case.
struct MediaType {
    var type: String
    var subtype: String
    var parameters: [(name: String, value: String)]

    init?(parsing text: Substring) {
        let pieces = splitOutsideQuotes(text, separator: ";")
        let essence = pieces[0].trimmingWhitespace()
        guard let slash = essence.firstIndex(of: "/") else { return nil }
        let type = essence[..<slash].trimmingWhitespace().lowercased()
        let subtype = essence[essence.index(after: slash)...].trimmingWhitespace().lowercased()
        guard isToken(type), isToken(subtype) else { return nil }
        self.type = type
        self.subtype = subtype
        self.parameters = []
        for piece in pieces.dropFirst() {
            let parameter = piece.trimmingWhitespace()
            if parameter.isEmpty { continue }
            guard let equals = parameter.firstIndex(of: "=") else { return nil }
            let name = parameter[..<equals].trimmingWhitespace().lowercased()
            var value = parameter[parameter.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = unescapeQuoted(value.dropFirst().dropLast())
            }
            guard isToken(name) else { return nil }
            parameters.append((name, String(value)))
        }
    }

    func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// True when there is no `charset` parameter or it names UTF-8.
    var isUTF8: Bool {
        guard let charset = parameter("charset") else { return true }
        return charset.lowercased() == "utf-8"
    }
}

/// An `Accept` header: media ranges, each with a quality (RFC 9110 §12.5.1).
struct AcceptHeader {
    struct Range {
        var mediaType: MediaType
        var quality: Double
        var position: Int
    }

    /// How much a client wants one concrete media type, from the most specific range that
    /// matches it.
    struct Preference: Equatable {
        static let anyType = 1  // */*
        static let anySubtype = 2  // type/*
        static let exact = 3  // type/subtype

        var quality: Double
        var specificity: Int
        var position: Int
    }

    var ranges: [Range]

    /// Parses the header leniently: an element that is not a media range, or whose `q` is
    /// not a number from 0 to 1, is skipped.
    init(_ value: String) {
        ranges = []
        for (position, element) in splitOutsideQuotes(value[...], separator: ",").enumerated() {
            if element.allSatisfy(\.isWhitespace) { continue }
            guard var mediaType = MediaType(parsing: element) else { continue }
            var quality = 1.0
            if let index = mediaType.parameters.firstIndex(where: { $0.name == "q" }) {
                guard let parsed = Double(mediaType.parameters[index].value), (0...1).contains(parsed) else { continue }
                quality = parsed
                // Parameters after the weight are accept-extensions, not media type parameters.
                mediaType.parameters.removeSubrange(index...)
            }
            ranges.append(Range(mediaType: mediaType, quality: quality, position: position))
        }
    }

    /// The preference for `type/subtype` in UTF-8, or nil when no range accepts it (no range
    /// matches, the most specific match has `q=0`, or it asks for another charset).
    func preference(type: String, subtype: String) -> Preference? {
        var best: Preference?
        for range in ranges {
            let specificity: Int
            switch (range.mediaType.type, range.mediaType.subtype) {
            case (type, subtype): specificity = Preference.exact
            case (type, "*"): specificity = Preference.anySubtype
            case ("*", "*"): specificity = Preference.anyType
            default: continue
            }
            guard range.mediaType.isUTF8 else { continue }
            if let current = best, current.specificity >= specificity { continue }
            best = Preference(quality: range.quality, specificity: specificity, position: range.position)
        }
        guard let best, best.quality > 0 else { return nil }
        return best
    }
}

// MARK: - Header syntax

/// Splits a header value at `separator`, except inside a quoted string.
func splitOutsideQuotes(_ text: Substring, separator: Character) -> [Substring] {
    var pieces: [Substring] = []
    var start = text.startIndex
    var inQuotes = false
    var escaped = false
    var index = text.startIndex
    while index < text.endIndex {
        let character = text[index]
        if escaped {
            escaped = false
        } else if inQuotes && character == "\\" {
            escaped = true
        } else if character == "\"" {
            inQuotes.toggle()
        } else if !inQuotes && character == separator {
            pieces.append(text[start..<index])
            start = text.index(after: index)
        }
        index = text.index(after: index)
    }
    pieces.append(text[start...])
    return pieces
}

/// The content of a quoted string, with `\x` read as `x`.
private func unescapeQuoted(_ text: Substring) -> Substring {
    guard text.contains("\\") else { return text }
    var result = ""
    var escaped = false
    for character in text {
        if !escaped && character == "\\" {
            escaped = true
            continue
        }
        escaped = false
        result.append(character)
    }
    return result[...]
}

/// RFC 9110 `token`: visible ASCII except delimiters.
private func isToken(_ text: String) -> Bool {
    !text.isEmpty
        && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default: false
            }
        }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (HTTP's OWS).
    func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
