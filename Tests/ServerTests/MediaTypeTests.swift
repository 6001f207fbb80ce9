import GraphQLSchema
import Hummingbird
import Testing

@testable import Server

@Suite("Media types, form decoding, status codes")
struct MediaTypeTests {
    @Test(
        "negotiate(accept:)",
        arguments: [
            (nil, .json),
            ("", .json),
            ("   ", .json),
            ("application/graphql-response+json", .graphQLResponse),
            ("application/json", .json),
            ("APPLICATION/GRAPHQL-RESPONSE+JSON", .graphQLResponse),
            ("application/graphql-response+json, application/json;q=0.9", .graphQLResponse),
            ("application/json;q=0.9, application/graphql-response+json", .graphQLResponse),
            ("application/json, application/graphql-response+json", .json),
            ("application/graphql-response+json, application/json", .graphQLResponse),
            ("*/*", .json),
            ("application/*", .json),
            ("application/*;q=0.5, application/graphql-response+json;q=0.4", .json),
            ("*/*;q=0.1, application/graphql-response+json;q=0.2", .graphQLResponse),
            ("text/html, */*;q=0.8", .json),
            ("application/graphql-response+json;q=0", nil),
            ("application/graphql-response+json;q=0, */*;q=0.1", .json),
            ("application/json; charset=utf-8", .json),
            (#"application/json; charset="UTF-8""#, .json),
            ("application/json; charset=utf-16", nil),
            ("application/json;q=2", nil),
            ("application/json;q=abc, application/graphql-response+json", .graphQLResponse),
            ("application/json;q=0.5;ext=1", .json),
            ("text/plain", nil),
            ("garbage", nil),
            ("application/graphql-response+json;q=0.001, image/png", .graphQLResponse),
        ] as [(String?, ResponseMediaType?)])
    func negotiate(accept: String?, expected: ResponseMediaType?) {
        #expect(ResponseMediaType.negotiate(accept: accept) == expected)
    }

    @Test(
        "prefersHTML(accept:)",
        arguments: [
            (nil, false),
            ("*/*", false),
            ("text/html", true),
            ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true),
            ("text/html, application/json", false),
            ("application/json, text/html", false),
            ("text/*, application/json;q=0.5", true),
            ("text/html;q=0.5, application/graphql-response+json", false),
            ("text/html;q=0", false),
        ] as [(String?, Bool)])
    func prefersHTML(accept: String?, expected: Bool) {
        #expect(ResponseMediaType.prefersHTML(accept: accept) == expected)
    }

    @Test(
        "isJSONRequestBody(contentType:)",
        arguments: [
            (nil, false),
            ("", false),
            ("application/json", true),
            ("application/json;charset=utf-8", true),
            ("application/json; charset=utf-8", true),
            ("Application/Json; Charset=UTF-8", true),
            (#"application/json; charset="utf-8""#, true),
            ("application/json; charset=latin1", false),
            ("application/graphql-response+json", false),
            ("application/graphql", false),
            ("text/plain", false),
            ("multipart/form-data; boundary=x", false),
            ("application/json;", true),
            ("application/json; charset", false),
            ("application/", false),
        ] as [(String?, Bool)])
    func jsonBody(contentType: String?, expected: Bool) {
        #expect(isJSONRequestBody(contentType: contentType) == expected)
    }

    @Test(
        "parseFormURLEncoded",
        arguments: [
            ("", []),
            ("a=1&b=2", [["a", "1"], ["b", "2"]]),
            ("a=1&&b", [["a", "1"], ["b", ""]]),
            ("q=%7B+hello+%7D", [["q", "{ hello }"]]),
            ("q=a%2Bb", [["q", "a+b"]]),
            ("q=%", [["q", "%"]]),
            ("q=%zz%4", [["q", "%zz%4"]]),
            ("%71uery=x", [["query", "x"]]),
            ("q=caf%C3%A9", [["q", "café"]]),
            ("q=%C3", [["q", "\u{FFFD}"]]),
            ("q=a=b", [["q", "a=b"]]),
        ] as [(String, [[String]])])
    func formDecoding(text: String, expected: [[String]]) {
        #expect(parseFormURLEncoded(text).map { [$0.name, $0.value] } == expected)
    }

    @Test(
        "status by outcome",
        arguments: [
            (RequestOutcome.malformedParameters, 422),
            (.syntaxError, 400),
            (.requestError, 422),
            (.executed(hasErrors: false), 200),
            (.executed(hasErrors: true), 294),
        ] as [(RequestOutcome, Int)])
    func status(outcome: RequestOutcome, code: Int) {
        #expect(HTTPResponse.Status(outcome: outcome).code == code)
    }

    @Test("294's reason phrase")
    func partialSuccess() {
        #expect(HTTPResponse.Status.partialSuccess.code == 294)
        #expect(HTTPResponse.Status.partialSuccess.reasonPhrase == "Partial Success")
    }
}
