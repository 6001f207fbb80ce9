import GraphQLExecution
import GraphQLSchema

/// The parameters of a GraphQL-over-HTTP request ("Request Parameters"): the document's
/// text, and optionally the operation's name, the variables and the extensions.
struct RequestParameters: Equatable {
    var query: String
    var operationName: String?
    var variables: [String: CoercedValue]
    var extensions: [String: CoercedValue]

    init(
        query: String, operationName: String? = nil, variables: [String: CoercedValue] = [:],
        extensions: [String: CoercedValue] = [:]
    ) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.extensions = extensions
    }
}

/// A POST body: one request object, or a batch of them (a JSON array, as Apollo's and
/// other clients send to save round trips).
enum RequestBody: Equatable {
    case single(RequestParameters)
    case batch([RequestParameters])

    init(jsonBody bytes: some Collection<UInt8>) throws(ParameterError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadableBody("The request body is not valid UTF-8.")
        }
        let body: CoercedValue
        do {
            body = try JSON.parse(text)
        } catch {
            throw .unreadableBody("The request body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
        guard case .list(let items) = body else {
            self = .single(try RequestParameters(jsonObject: body))
            return
        }
        guard !items.isEmpty else { throw .malformed("The batch is empty: send at least one request object.") }
        var batch: [RequestParameters] = []
        for (index, item) in items.enumerated() {
            do {
                batch.append(try RequestParameters(jsonObject: item))
            } catch {
                throw .malformed("Batch item \(index): \(error.message)")
            }
        }
        self = .batch(batch)
    }
}

/// Why an HTTP request is not a well-formed GraphQL-over-HTTP request.
enum ParameterError: Error, Equatable {
    /// The body could not be read as JSON at all (`400`).
    case unreadableBody(String)
    /// The parameters are there but have the wrong shape (`422`).
    case malformed(String)

    var message: String {
        switch self {
        case .unreadableBody(let message), .malformed(let message): message
        }
    }
}

extension RequestParameters {
    /// The parameters of a POST body encoded as JSON ("JSON Encoding"). Properties other than
    /// the four are ignored, as the spec requires; `null` counts as absent.
    init(jsonBody bytes: some Collection<UInt8>) throws(ParameterError) {
        guard case .single(let parameters) = try RequestBody(jsonBody: bytes) else {
            throw .malformed("The request body must be a JSON object.")
        }
        self = parameters
    }

    /// The parameters of one request object of a JSON body.
    init(jsonObject body: CoercedValue) throws(ParameterError) {
        guard case .object(let entries) = body else {
            throw .malformed("The request body must be a JSON object.")
        }
        var fields: [String: CoercedValue] = [:]
        for entry in entries { fields[entry.name] = entry.value }

        switch fields["query"] {
        case .string(let query): self.query = query
        case nil, .null?: throw .malformed(#"The "query" parameter is missing."#)
        default: throw .malformed(#"The "query" parameter must be a string."#)
        }
        switch fields["operationName"] {
        case .string(let name): self.operationName = name
        case nil, .null?: self.operationName = nil
        default: throw .malformed(#"The "operationName" parameter must be a string."#)
        }
        self.variables = try Self.map(fields["variables"], named: "variables")
        self.extensions = try Self.map(fields["extensions"], named: "extensions")
    }

    /// The parameters of a GET request's query string ("GET"): form-urlencoded, with
    /// `variables` and `extensions` as JSON text. An empty `operationName` means none, as the
    /// spec says; an empty `variables` or `extensions` likewise means none.
    init(queryString: String?) throws(ParameterError) {
        let fields = parseFormURLEncoded(queryString ?? "")
        func first(_ name: String) -> String? { fields.first { $0.name == name }?.value }

        guard let query = first("query") else { throw .malformed(#"The "query" parameter is missing."#) }
        self.query = query
        self.operationName = first("operationName").flatMap { $0.isEmpty ? nil : $0 }
        self.variables = try Self.map(jsonText: first("variables"), named: "variables")
        self.extensions = try Self.map(jsonText: first("extensions"), named: "extensions")
    }

    /// The size of the variables as JSON text, in bytes: what `--max-variables-size` bounds.
    var variablesSize: Int {
        guard !variables.isEmpty else { return 0 }
        var writer = JSON.Writer(capacity: 256)
        writer.write(.object(variables.map { CoercedValue.Entry(name: $0.key, value: $0.value) }))
        return writer.bytes.count
    }

    private static func map(_ value: CoercedValue?, named name: String) throws(ParameterError) -> [String: CoercedValue]
    {
        switch value {
        case nil, .null?: return [:]
        case .object(let entries)?:
            var map: [String: CoercedValue] = [:]
            for entry in entries { map[entry.name] = entry.value }
            return map
        default: throw .malformed(#"The "\#(name)" parameter must be an object."#)
        }
    }

    private static func map(jsonText: String?, named name: String) throws(ParameterError) -> [String: CoercedValue] {
        guard let jsonText, !jsonText.isEmpty else { return [:] }
        let value: CoercedValue
        do {
            value = try JSON.parse(jsonText)
        } catch {
            throw .malformed(
                #"The "\#(name)" parameter is not valid JSON: \#(error.message) at byte \#(error.offset)."#)
        }
        return try map(value, named: name)
    }
}

/// Decodes `application/x-www-form-urlencoded` text as the WHATWG URL standard does
/// (`URLSearchParams`): pairs split at `&`, name and value at the first `=`, `+` read as a
/// space, percent-escapes decoded as UTF-8 bytes, invalid UTF-8 replaced by U+FFFD.
func parseFormURLEncoded(_ text: String) -> [(name: String, value: String)] {
    var pairs: [(name: String, value: String)] = []
    for sequence in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
        let name: Substring.UTF8View
        let value: Substring.UTF8View
        if let equals = sequence.firstIndex(of: UInt8(ascii: "=")) {
            name = sequence[..<equals]
            value = sequence[sequence.index(after: equals)...]
        } else {
            name = sequence
            value = sequence[sequence.endIndex...]
        }
        pairs.append((percentDecode(name), percentDecode(value)))
    }
    return pairs
}

private func percentDecode(_ bytes: some Collection<UInt8>) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
        let byte = bytes[index]
        if byte == UInt8(ascii: "+") {
            output.append(UInt8(ascii: " "))
        } else if byte == UInt8(ascii: "%"),
            let high = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), high < bytes.endIndex,
            let low = bytes.index(high, offsetBy: 1, limitedBy: bytes.endIndex), low < bytes.endIndex,
            let highValue = hexValue(bytes[high]), let lowValue = hexValue(bytes[low])
        {
            output.append(highValue << 4 | lowValue)
            index = low
        } else {
            output.append(byte)
        }
        index = bytes.index(after: index)
    }
    return String(decoding: output, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
