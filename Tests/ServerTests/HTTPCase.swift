import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// One HTTP exchange and the exact response expected.
struct HTTPCase: Sendable, CustomTestStringConvertible {
    var name: String
    var method: HTTPRequest.Method
    var uri: String
    var headers: [(String, String)]
    var body: String?
    var status: Int
    var contentType: String?
    var responseBody: String
    var responseHeaders: [(String, String)]

    var testDescription: String { name }

    static let graphQLResponse = "application/graphql-response+json; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    static let html = "text/html; charset=utf-8"

    /// A GET of `/graphql` with the given query parameters, percent-encoded.
    static func get(
        _ name: String, _ parameters: [(String, String)], accept: String? = "application/graphql-response+json",
        headers: [(String, String)] = [], expect status: Int, _ contentType: String?, _ responseBody: String,
        responseHeaders: [(String, String)] = []
    ) -> HTTPCase {
        let query = parameters.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        return HTTPCase(
            name: name, method: .get, uri: "/graphql" + (query.isEmpty ? "" : "?" + query),
            headers: (accept.map { [("Accept", $0)] } ?? []) + headers, body: nil, status: status,
            contentType: contentType, responseBody: responseBody, responseHeaders: responseHeaders)
    }

    /// A POST of `body` to `/graphql`.
    static func post(
        _ name: String, _ body: String, contentType requestType: String? = "application/json",
        accept: String? = "application/graphql-response+json", headers: [(String, String)] = [],
        expect status: Int, _ contentType: String?, _ responseBody: String, responseHeaders: [(String, String)] = []
    ) -> HTTPCase {
        HTTPCase(
            name: name, method: .post, uri: "/graphql",
            headers: (requestType.map { [("Content-Type", $0)] } ?? []) + (accept.map { [("Accept", $0)] } ?? [])
                + headers,
            body: body, status: status, contentType: contentType, responseBody: responseBody,
            responseHeaders: responseHeaders)
    }

    /// Any request.
    static func request(
        _ name: String, _ method: HTTPRequest.Method, _ uri: String, headers: [(String, String)] = [],
        body: String? = nil, expect status: Int, _ contentType: String?, _ responseBody: String,
        responseHeaders: [(String, String)] = []
    ) -> HTTPCase {
        HTTPCase(
            name: name, method: method, uri: uri, headers: headers, body: body, status: status,
            contentType: contentType, responseBody: responseBody, responseHeaders: responseHeaders)
    }

    var requestHeaders: HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }

    /// Sends the request and checks status, content type, body and the listed headers.
    func check(with client: some TestClientProtocol, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await client.execute(
            uri: uri, method: method, headers: requestHeaders, body: body.map { ByteBuffer(string: $0) })
        #expect(response.status.code == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == contentType, sourceLocation: sourceLocation)
        #expect(String(buffer: response.body) == responseBody, sourceLocation: sourceLocation)
        for (name, value) in responseHeaders {
            #expect(response.headers[HTTPField.Name(name)!] == value, "header \(name)", sourceLocation: sourceLocation)
        }
    }
}

/// Percent-encodes everything but the URL's unreserved characters.
func percentEncode(_ text: String) -> String {
    var encoded = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            encoded.append(Character(Unicode.Scalar(byte)))
        default:
            encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return encoded
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
