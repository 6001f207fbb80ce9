import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

private let gr = HTTPCase.graphQLResponse
private let json = HTTPCase.json
private let hello = #"{"data":{"hello":"world"}}"#
private func errors(_ message: String) -> String { #"{"errors":[{"message":"\#(message)"}]}"# }

/// `/graphql` over HTTP, one exchange per row: status, content type and body, exactly.
@Suite("GraphQL over HTTP")
struct GraphQLEndpointTests {
    // MARK: - Accept: which media type answers

    static let negotiation: [HTTPCase] = [
        .get("graphql-response+json", [("query", "{hello}")], expect: 200, gr, hello),
        .get("application/json", [("query", "{hello}")], accept: "application/json", expect: 200, json, hello),
        .get("no Accept: application/json", [("query", "{hello}")], accept: nil, expect: 200, json, hello),
        .get("*/*: application/json", [("query", "{hello}")], accept: "*/*", expect: 200, json, hello),
        .get(
            "application/*: application/json", [("query", "{hello}")], accept: "application/*", expect: 200, json, hello
        ),
        .get(
            "the recommended header", [("query", "{hello}")],
            accept: "application/graphql-response+json, application/json;q=0.9", expect: 200, gr, hello),
        .get(
            "q-values decide", [("query", "{hello}")],
            accept: "application/graphql-response+json;q=0.5, application/json;q=0.8", expect: 200, json, hello),
        .get(
            "q-values decide, the other way", [("query", "{hello}")],
            accept: "application/json;q=0.5, application/graphql-response+json;q=0.8", expect: 200, gr, hello),
        .get(
            "equal q: the first listed", [("query", "{hello}")],
            accept: "application/json, application/graphql-response+json", expect: 200, json, hello),
        .get(
            "a named type beats a wildcard of equal q", [("query", "{hello}")],
            accept: "*/*, application/graphql-response+json", expect: 200, gr, hello),
        .get(
            "charset=utf-8 is fine", [("query", "{hello}")],
            accept: "application/graphql-response+json; charset=utf-8", expect: 200, gr, hello),
        .get(
            "the most specific range sets q", [("query", "{hello}")],
            accept: "application/graphql-response+json;q=0, */*", expect: 200, json, hello),
        .get(
            "406: nothing acceptable", [("query", "{hello}")], accept: "text/plain", expect: 406, json,
            errors("The Accept header allows neither application/graphql-response+json nor application/json.")),
        .get(
            "406: another charset", [("query", "{hello}")], accept: "application/json; charset=iso-8859-1",
            expect: 406, json,
            errors("The Accept header allows neither application/graphql-response+json nor application/json.")),
        .get(
            "406: q=0", [("query", "{hello}")], accept: "application/graphql-response+json;q=0, application/json;q=0",
            expect: 406, json,
            errors("The Accept header allows neither application/graphql-response+json nor application/json.")),
        .get(
            "406 before a bad request", [], accept: "image/png", expect: 406, json,
            errors("The Accept header allows neither application/graphql-response+json nor application/json.")),
        .get(
            "a browser gets the playground", [],
            accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", expect: 200, HTTPCase.html,
            PlaygroundRoutesTests.source("index.html")),
        .get(
            "text/html only gets the playground", [("query", "{hello}")], accept: "text/html", expect: 200,
            HTTPCase.html, PlaygroundRoutesTests.source("index.html")),
        .get(
            "JSON preferred to HTML gets JSON", [("query", "{hello}")],
            accept: "text/html;q=0.5, application/json", expect: 200, json, hello),
    ]

    @Test("Accept", arguments: negotiation)
    func accept(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.router) { client in try await exchange.check(with: client) }
    }

    // MARK: - GET

    static let gets: [HTTPCase] = [
        .get(
            "variables as JSON, + as a space",
            [("query", "query Q($n: String!) { greeting(name: $n) }")]
                + [("variables", #"{"n":"Ada Lovelace"}"#)], expect: 200, gr,
            #"{"data":{"greeting":"Hello, Ada Lovelace!"}}"#),
        .request(
            "+ in the query string reads as a space", .get,
            "/graphql?query=%7B+greeting(name:%22A+B%22)+%7D", headers: [("Accept", "application/json")],
            expect: 200, json, #"{"data":{"greeting":"Hello, A B!"}}"#),
        .get(
            "an empty operationName means none", [("query", "{hello}"), ("operationName", "")], expect: 200, gr, hello
        ),
        .get(
            "operationName=null names an operation \"null\"",
            [("query", "query null { hello }"), ("operationName", "null")],
            expect: 200, gr, hello),
        .get(
            "405: a mutation over GET", [("query", #"mutation { rename(name: "x") }"#)], expect: 405, gr,
            errors("Mutations must be sent with POST."), responseHeaders: [("Allow", "POST")]),
        .get(
            "405: a mutation over GET, legacy client", [("query", #"mutation { rename(name: "x") }"#)],
            accept: "application/json", expect: 405, json, errors("Mutations must be sent with POST."),
            responseHeaders: [("Allow", "POST")]),
        .get(
            "405: the mutation selected by operationName",
            [("query", #"query Q { hello } mutation M { rename(name: "x") }"#), ("operationName", "M")], expect: 405,
            gr, errors("Mutations must be sent with POST."), responseHeaders: [("Allow", "POST")]),
        .get(
            "the query selected by operationName runs",
            [("query", #"query Q { hello } mutation M { rename(name: "x") }"#), ("operationName", "Q")], expect: 200,
            gr, hello),
        .get("422: no query", [], expect: 422, gr, errors(#"The \"query\" parameter is missing."#)),
        .get(
            "422: no query, legacy client", [], accept: "application/json", expect: 422, gr,
            errors(#"The \"query\" parameter is missing."#)),
        .get(
            "422: variables not JSON", [("query", "{hello}"), ("variables", "{n:1}")], expect: 422, gr,
            errors(#"The \"variables\" parameter is not valid JSON: Expected a string key in JSON object at byte 1."#)),
        .get(
            "422: variables not an object", [("query", "{hello}"), ("variables", "[1]")], expect: 422, gr,
            errors(#"The \"variables\" parameter must be an object."#)),
        .get(
            "422: extensions not an object", [("query", "{hello}"), ("extensions", "true")], expect: 422, gr,
            errors(#"The \"extensions\" parameter must be an object."#)),
        .get(
            "empty variables mean none", [("query", "{hello}"), ("variables", "")], expect: 200, gr, hello),
    ]

    @Test("GET", arguments: gets)
    func get(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.router) { client in try await exchange.check(with: client) }
    }

    // MARK: - POST: media type and parameters

    static let posts: [HTTPCase] = [
        .post("a query", #"{"query":"{hello}"}"#, expect: 200, gr, hello),
        .post(
            "charset=utf-8", #"{"query":"{hello}"}"#, contentType: "application/json; charset=utf-8", expect: 200,
            gr, hello),
        .post(
            "a quoted, upper-case charset", #"{"query":"{hello}"}"#, contentType: #"Application/JSON;charset="UTF-8""#,
            expect: 200, gr, hello),
        .post(
            "a mutation", #"{"query":"mutation { rename(name: \"Ada\") }"}"#, expect: 200, gr,
            #"{"data":{"rename":"renamed to Ada"}}"#),
        .post(
            "variables and operationName",
            #"{"query":"query A { hello } query B($n: String!) { greeting(name: $n) }","operationName":"B","variables":{"n":"Ada"}}"#,
            expect: 200, gr, #"{"data":{"greeting":"Hello, Ada!"}}"#),
        .post(
            "null optional parameters", #"{"query":"{hello}","operationName":null,"variables":null,"extensions":null}"#,
            expect: 200, gr, hello),
        .post("unknown properties are ignored", #"{"query":"{hello}","qeury":1}"#, expect: 200, gr, hello),
        .post(
            "415: text/plain", #"{"query":"{hello}"}"#, contentType: "text/plain", expect: 415, gr,
            errors("A POST body must be application/json in UTF-8.")),
        .post(
            "415: no Content-Type", #"{"query":"{hello}"}"#, contentType: nil, expect: 415, gr,
            errors("A POST body must be application/json in UTF-8.")),
        .post(
            "415: another charset", #"{"query":"{hello}"}"#, contentType: "application/json; charset=latin1",
            expect: 415, gr, errors("A POST body must be application/json in UTF-8.")),
        .post(
            "415: a form", "query=%7Bhello%7D", contentType: "application/x-www-form-urlencoded",
            accept: "application/json",
            expect: 415, json, errors("A POST body must be application/json in UTF-8.")),
        .post(
            "400: bad JSON", #"{"query":"#, expect: 400, gr,
            errors("The request body is not valid JSON: Unexpected end of JSON at byte 9.")),
        .post(
            "400: bad JSON, legacy client", "NONSENSE", accept: "application/json", expect: 400, json,
            errors("The request body is not valid JSON: Unexpected character in JSON at byte 0.")),
        .post("422: not an object", "1", expect: 422, gr, errors("The request body must be a JSON object.")),
        .post(
            "422: an empty batch", "[]", expect: 422, gr, errors("The batch is empty: send at least one request object.")),
        .post("422: no query", "{}", expect: 422, gr, errors(#"The \"query\" parameter is missing."#)),
        .post(
            "422: a typo for query", #"{"qeury":"{hello}"}"#, expect: 422, gr,
            errors(#"The \"query\" parameter is missing."#)),
        .post("422: query null", #"{"query":null}"#, expect: 422, gr, errors(#"The \"query\" parameter is missing."#)),
        .post(
            "422: query a number", #"{"query":1}"#, expect: 422, gr,
            errors(#"The \"query\" parameter must be a string."#)),
        .post(
            "422: query an object", #"{"query":{}}"#, expect: 422, gr,
            errors(#"The \"query\" parameter must be a string."#)),
        .post(
            "422: operationName not a string", #"{"query":"{hello}","operationName":5}"#, expect: 422, gr,
            errors(#"The \"operationName\" parameter must be a string."#)),
        .post(
            "422: variables a list", #"{"query":"query Q ($i:Int!) { hello }","variables":[7]}"#, expect: 422, gr,
            errors(#"The \"variables\" parameter must be an object."#)),
        .post(
            "422: variables a string", #"{"query":"{hello}","variables":"{}"}"#, expect: 422, gr,
            errors(#"The \"variables\" parameter must be an object."#)),
        .post(
            "422: extensions a list", #"{"query":"{hello}","extensions":[]}"#, expect: 422, gr,
            errors(#"The \"extensions\" parameter must be an object."#)),
        .post(
            "422: malformed parameters, legacy client", #"{"query":1}"#, accept: "application/json", expect: 422, gr,
            errors(#"The \"query\" parameter must be a string."#)),
    ]

    @Test("POST", arguments: posts)
    func post(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.router) { client in try await exchange.check(with: client) }
    }

    /// The same body with invalid UTF-8 bytes (the table's strings are all valid UTF-8).
    @Test("400: a body that is not UTF-8")
    func invalidUTF8() async throws {
        var bytes = ByteBuffer(string: #"{"query":""#)
        bytes.writeBytes([0xC3, 0x28])
        bytes.writeString(#""}"#)
        let body = bytes
        try await makeTestServer().test(.router) { client in
            let response = try await client.execute(
                uri: "/graphql", method: .post,
                headers: [.contentType: "application/json", .accept: "application/graphql-response+json"], body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == gr)
            #expect(String(buffer: response.body) == errors("The request body is not valid UTF-8."))
        }
    }

    // MARK: - Status codes from how far the request got

    static let outcomes: [HTTPCase] = [
        .post(
            "400: a syntax error, with its message and location", #"{"query":"{"}"#, expect: 400, gr,
            #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":2}]}]}"#
        ),
        .post(
            "400: a syntax error, legacy client", #"{"query":"{"}"#, accept: "application/json", expect: 400, gr,
            #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":2}]}]}"#
        ),
        .post(
            "422: a validation error", #"{"query":"{ nope }"}"#, expect: 422, gr,
            #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#
        ),
        .post(
            "422: a validation error, legacy client", #"{"query":"{ nope }"}"#, accept: "application/json", expect: 422,
            gr,
            #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#
        ),
        .post(
            "422: an unknown operation", #"{"query":"query A { hello }","operationName":"B"}"#, expect: 422, gr,
            errors(#"Unknown operation named \"B\"."#)),
        .post(
            "422: an unknown operation, legacy client", #"{"query":"query A { hello }","operationName":"B"}"#,
            accept: "application/json", expect: 422, gr, errors(#"Unknown operation named \"B\"."#)),
        .post(
            "422: several operations, none named", #"{"query":"query A { hello } query B { hello }"}"#, expect: 422, gr,
            errors("Must provide operation name if query contains multiple operations.")),
        .post(
            "422: several operations, none named, legacy client", #"{"query":"query A { hello } query B { hello }"}"#,
            accept: "application/json", expect: 422, gr,
            errors("Must provide operation name if query contains multiple operations.")),
        .get(
            "400: a syntax error over GET, legacy client", [("query", "{")], accept: "application/json", expect: 400, gr,
            #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":2}]}]}"#
        ),
        .get(
            "422: a validation error over GET, legacy client", [("query", "{ nope }")], accept: "application/json",
            expect: 422, gr,
            #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#
        ),
        .post(
            "422: a variable that does not coerce", #"{"query":"query Q($n: String!) { greeting(name: $n) }"}"#,
            expect: 422, gr,
            #"{"errors":[{"message":"Variable \"$n\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":9}]}]}"#
        ),
        .post(
            "422: a variable that does not coerce, legacy client",
            #"{"query":"query Q($n: String!) { greeting(name: $n) }"}"#, accept: "application/json", expect: 422, gr,
            #"{"errors":[{"message":"Variable \"$n\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":9}]}]}"#
        ),
        .post(
            "every answer is private and never stored", #"{"query":"{hello}"}"#, accept: "application/json",
            expect: 200, json, hello, responseHeaders: [("Cache-Control", "private, no-store")]),
        .post(
            "refusals too", #"{"query":"{ nope }"}"#, expect: 422, gr,
            #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#,
            responseHeaders: [("Cache-Control", "private, no-store")]),
        .post(
            "294: data and errors", #"{"query":"{ hello broken }"}"#, expect: 294, gr,
            #"{"errors":[{"message":"The broken field failed.","locations":[{"line":1,"column":9}],"path":["broken"]}],"data":{"hello":"world","broken":null}}"#
        ),
        .post(
            "294: data and errors, legacy client", #"{"query":"{ hello broken }"}"#, accept: "application/json",
            expect: 294, json,
            #"{"errors":[{"message":"The broken field failed.","locations":[{"line":1,"column":9}],"path":["broken"]}],"data":{"hello":"world","broken":null}}"#
        ),
        .post(
            "294: data null and errors", #"{"query":"{ brokenRequired }"}"#, expect: 294, gr,
            #"{"errors":[{"message":"The broken field failed.","locations":[{"line":1,"column":3}],"path":["brokenRequired"]}],"data":null}"#
        ),
        .get(
            "294 over GET too", [("query", "{ hello broken }")], expect: 294, gr,
            #"{"errors":[{"message":"The broken field failed.","locations":[{"line":1,"column":9}],"path":["broken"]}],"data":{"hello":"world","broken":null}}"#
        ),
        .post(
            "the client's headers reach the service",
            #"{"query":"{hello}","extensions":{"persistedQuery":{"version":1}}}"#,
            headers: [("Authorization", "Bearer t0ken"), ("chorus-trace", "1")], expect: 200, gr,
            #"{"data":{"hello":"world"},"extensions":{"trace":{"authorization":"Bearer t0ken","extensions":{"persistedQuery":{"version":1}}}}}"#
        ),
    ]

    @Test("status by outcome", arguments: outcomes)
    func outcome(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.router) { client in try await exchange.check(with: client) }
    }

    // MARK: - Methods and size

    static let methods: [HTTPCase] = [
        .request(
            "405: PUT", .put, "/graphql", headers: [("Content-Type", "application/json")],
            body: #"{"query":"{hello}"}"#,
            expect: 405, json, errors("GraphQL requests use GET or POST."),
            responseHeaders: [("Allow", "GET, POST, OPTIONS")]),
        .request(
            "405: DELETE", .delete, "/graphql", headers: [("Accept", "application/graphql-response+json")],
            expect: 405, gr, errors("GraphQL requests use GET or POST."),
            responseHeaders: [("Allow", "GET, POST, OPTIONS")]),
        .request(
            "405 comes before 406", .patch, "/graphql", headers: [("Accept", "text/plain")], expect: 405, json,
            errors("GraphQL requests use GET or POST."), responseHeaders: [("Allow", "GET, POST, OPTIONS")]),
        .request(
            "405: HEAD, without a body", .head, "/graphql", expect: 405, nil, "",
            responseHeaders: [("Allow", "GET, POST, OPTIONS")]),
        .request(
            "OPTIONS without CORS", .options, "/graphql", expect: 204, nil, "",
            responseHeaders: [("Allow", "GET, POST, OPTIONS")]),
    ]

    @Test("methods", arguments: methods)
    func method(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.router) { client in try await exchange.check(with: client) }
    }

    // MARK: - Caching

    /// Every exchange of the tables above that got a GraphQL answer: success, field errors,
    /// request errors and refusals alike.
    static let graphQLAnswers = (negotiation + gets + posts + outcomes + methods)
        .filter { $0.contentType == gr || $0.contentType == json }

    @Test("Cache-Control: private, no-store on every GraphQL answer", arguments: graphQLAnswers)
    func cacheControl(_ exchange: HTTPCase) async throws {
        var checked = exchange
        checked.responseHeaders = [("Cache-Control", "private, no-store")]
        try await makeTestServer().test(.router) { [checked] client in try await checked.check(with: client) }
    }

    @Test("the playground keeps its own Cache-Control")
    func playgroundCacheControl() async throws {
        try await makeTestServer().test(.router) { client in
            let response = try await client.execute(uri: "/graphql", method: .get, headers: [.accept: "text/html"])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-cache")
        }
    }

    @Test("413: a body over the limit", arguments: [HTTPCase.graphQLResponse, HTTPCase.json])
    func oversizedBody(accept: String) async throws {
        let configuration = ServerConfiguration(maxBodySize: 64)
        let query = "{ " + String(repeating: "hello ", count: 10) + "}"
        let fits = #"{"query":"{hello}"}"#
        let tooLarge = #"{"query":"\#(query)"}"#
        #expect(fits.utf8.count <= 64 && tooLarge.utf8.count > 64)
        let mediaType = String(accept.split(separator: ";")[0])
        try await makeTestServer(configuration: configuration).test(.router) { client in
            try await HTTPCase.post("fits", fits, accept: mediaType, expect: 200, accept, hello).check(with: client)
            try await HTTPCase.post(
                "too large", tooLarge, accept: mediaType, expect: 413, accept,
                errors("The request body is larger than the limit of 64 bytes.")
            ).check(with: client)
        }
    }

    // MARK: - Batches and the size of variables

    /// Batches of at most 3 operations; variables of at most 40 bytes as JSON.
    static let limited = ServerConfiguration(maxVariablesSize: 40, maxBatchSize: 3)

    static let batches: [HTTPCase] = [
        .post(
            "a batch: one response each, in order", #"[{"query":"{hello}"},{"query":"{greeting(name: \"Ada\")}"}]"#,
            expect: 200, gr, #"[{"data":{"hello":"world"}},{"data":{"greeting":"Hello, Ada!"}}]"#),
        .post(
            "a batch of one", #"[{"query":"{hello}"}]"#, accept: "application/json", expect: 200, json, "[\(hello)]"),
        .post(
            "a batch: each item has its own outcome; the status is 200 when they differ",
            #"[{"query":"{hello}"},{"query":"{nope}"},{"query":"{"}]"#, expect: 200, gr,
            #"[{"data":{"hello":"world"}},{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":2}]}]},{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":2}]}]}]"#
        ),
        .post(
            "a batch: the status all items share", #"[{"query":"{nope}"},{"query":"{nope}"}]"#, expect: 422, gr,
            #"[{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":2}]}]},{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":2}]}]}]"#
        ),
        .post(
            "413: a batch over the limit", #"[{"query":"{hello}"},{"query":"{hello}"},{"query":"{hello}"},{"query":"{hello}"},{"query":"{hello}"}]"#,
            expect: 413, gr,
            #"{"errors":[{"message":"The batch holds 5 operations, over the limit of 3 by 2.","extensions":{"code":"LIMIT_EXCEEDED","limit":"batchSize"}}]}"#
        ),
        .post(
            "422: a malformed item names its index", #"[{"query":"{hello}"},{"qeury":"{hello}"}]"#, expect: 422, gr,
            errors(#"Batch item 1: The \"query\" parameter is missing."#)),
        .post(
            "variables at the limit", #"{"query":"query($n: String!) { greeting(name: $n) }","variables":{"n":"\#(String(repeating: "a", count: 32))"}}"#,
            expect: 200, gr, #"{"data":{"greeting":"Hello, \#(String(repeating: "a", count: 32))!"}}"#),
        .post(
            "413: variables over the limit", #"{"query":"query($n: String!) { greeting(name: $n) }","variables":{"n":"\#(String(repeating: "a", count: 33))"}}"#,
            expect: 413, gr,
            #"{"errors":[{"message":"The variables take 41 bytes, over the limit of 40 by 1.","extensions":{"code":"LIMIT_EXCEEDED","limit":"variablesSize"}}]}"#
        ),
        .get(
            "413: variables over the limit, by GET", [("query", "query($n: String!) { greeting(name: $n) }"), ("variables", #"{"n": "\#(String(repeating: "a", count: 40))"}"#)],
            expect: 413, gr,
            #"{"errors":[{"message":"The variables take 48 bytes, over the limit of 40 by 8.","extensions":{"code":"LIMIT_EXCEEDED","limit":"variablesSize"}}]}"#
        ),
        .post(
            "413: variables over the limit in a batch item",
            #"[{"query":"{hello}"},{"query":"query($n: String!) { greeting(name: $n) }","variables":{"n":"\#(String(repeating: "a", count: 40))"}}]"#,
            expect: 413, gr,
            #"{"errors":[{"message":"Batch item 1: The variables take 48 bytes, over the limit of 40 by 8.","extensions":{"code":"LIMIT_EXCEEDED","limit":"variablesSize"}}]}"#
        ),
    ]

    @Test("batches and variables", arguments: batches)
    func batch(_ exchange: HTTPCase) async throws {
        try await makeTestServer(configuration: Self.limited).test(.router) { client in
            try await exchange.check(with: client)
        }
    }

    @Test("batching turned off")
    func batchingOff() async throws {
        try await makeTestServer(configuration: ServerConfiguration(maxBatchSize: 1)).test(.router) { client in
            try await HTTPCase.post(
                "one item is refused too", #"[{"query":"{hello}"}]"#, expect: 413, gr,
                #"{"errors":[{"message":"Batched requests are turned off: send one request object.","extensions":{"code":"LIMIT_EXCEEDED","limit":"batchSize"}}]}"#
            ).check(with: client)
        }
    }
}

/// A body sent in chunks without `Content-Length` is cut off at the limit as it is read.
@Suite("Streamed bodies")
struct StreamedBodyTests {
    static let cases: [([String], Int, String)] = [
        ([#"{"query":"#, #""{hello}"}"#], 200, #"{"data":{"hello":"world"}}"#),
        (
            [#"{"query":"{hello}","padding":""#] + Array(repeating: String(repeating: " ", count: 20), count: 4)
                + [#""}"#], 413,
            #"{"errors":[{"message":"The request body is larger than the limit of 64 bytes."}]}"#
        ),
    ]

    @Test("a streamed body against the limit", arguments: cases)
    func streamed(chunks: [String], status: Int, body: String) async throws {
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish()
        }
        let request = Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "localhost", path: "/graphql",
                headerFields: [.contentType: "application/json", .accept: "application/graphql-response+json"]),
            body: RequestBody(asyncSequence: stream))
        #expect(request.headers[.contentLength] == nil)
        let response = try await respond(
            makeTestServer(configuration: ServerConfiguration(maxBodySize: 64)), to: request)
        #expect(response.status.code == status)
        #expect(response.headers[.contentType] == HTTPCase.graphQLResponse)
        #expect(try await collect(response.body) == body)
    }
}
