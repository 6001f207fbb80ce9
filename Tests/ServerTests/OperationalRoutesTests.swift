import GraphQLExecution
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import Server

@Suite("/health, /metrics, CORS")
struct OperationalRoutesTests {
    // MARK: - /health

    struct HealthCase: Sendable, CustomTestStringConvertible {
        var name: String
        var stores: [StoreStatus]
        var status: Int
        var body: String
        var testDescription: String { name }
    }

    static let healthCases: [HealthCase] = [
        HealthCase(name: "no stores", stores: [], status: 200, body: #"{"status":"up","stores":[]}"#),
        HealthCase(
            name: "all up",
            stores: [
                StoreStatus(name: "postgres", isUp: true, latency: .microseconds(1250)),
                StoreStatus(name: "redis", isUp: true, latency: .milliseconds(2)),
            ],
            status: 200,
            body:
                #"{"status":"up","stores":[{"name":"postgres","status":"up","latencyMs":1.25,"error":null},{"name":"redis","status":"up","latencyMs":2,"error":null}]}"#
        ),
        HealthCase(
            name: "one down",
            stores: [
                StoreStatus(name: "postgres", isUp: true, latency: .nanoseconds(800_400)),
                StoreStatus(name: "mongodb", isUp: false, latency: .seconds(2), error: "timed out after 2 s"),
                StoreStatus(name: "redis", isUp: false, error: "connection refused"),
            ],
            status: 503,
            body:
                #"{"status":"down","stores":[{"name":"postgres","status":"up","latencyMs":0.8,"error":null},{"name":"mongodb","status":"down","latencyMs":2000,"error":"timed out after 2 s"},{"name":"redis","status":"down","latencyMs":null,"error":"connection refused"}]}"#
        ),
    ]

    @Test("/health", arguments: healthCases)
    func health(_ health: HealthCase) async throws {
        try await makeTestServer(service: EngineService(stores: health.stores)).test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status.code == health.status)
            #expect(response.headers[.contentType] == HTTPCase.json)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(String(buffer: response.body) == health.body)
        }
    }

    // MARK: - /metrics

    @Test("/metrics counts requests by route and status, GraphQL errors by kind, and the document cache")
    func metrics() async throws {
        let registry = PrometheusCollectorRegistry()
        try await makeTestServer(registry: registry).test(.router) { client in
            let headers: HTTPFields = [.contentType: "application/json", .accept: "application/graphql-response+json"]
            for body in [
                #"{"query":"{hello}"}"#, #"{"query":"{hello}"}"#, #"{"query":"{ hello broken }"}"#,
                #"{"query":"{ nope nope2 }"}"#, #"{"query":"{"}"#,
            ] {
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(uri: "/no/such/page", method: .get)

            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = String(buffer: response.body).split(separator: "\n").map(String.init)
            let expected = [
                #"chorus_http_requests_total{route="/graphql",status="200"} 2"#,
                #"chorus_http_requests_total{route="/graphql",status="294"} 1"#,
                #"chorus_http_requests_total{route="/graphql",status="422"} 1"#,
                #"chorus_http_requests_total{route="/graphql",status="400"} 1"#,
                #"chorus_http_requests_total{route="/health",status="200"} 1"#,
                #"chorus_http_requests_total{route="other",status="404"} 1"#,
                #"chorus_graphql_errors_total{kind="field"} 1"#,
                #"chorus_graphql_errors_total{kind="validation"} 2"#,
                #"chorus_graphql_errors_total{kind="syntax"} 1"#,
                // `{hello}` a second time is the cache's one hit; refusals are cached too.
                #"chorus_document_cache_lookups_total{result="hit"} 1"#,
                #"chorus_document_cache_lookups_total{result="miss"} 4"#,
                "chorus_document_cache_entries 4.0",
                "chorus_document_cache_bytes \((7 + 16 + 14 + 1) * DocumentCache.bytesPerSourceByte).0",
                #"chorus_http_request_duration_seconds_count{route="/graphql"} 5"#,
                #"chorus_http_request_duration_seconds_count{route="/health"} 1"#,
                "# TYPE chorus_http_requests_total counter",
                "# TYPE chorus_http_request_duration_seconds histogram",
                "# TYPE chorus_graphql_errors_total counter",
            ]
            for line in expected {
                #expect(lines.contains(line), "missing \(line)")
            }
            // The scrape itself is counted once it has been answered.
            #expect(!lines.contains { $0.hasPrefix(#"chorus_http_requests_total{route="/metrics""#) })
            let again = try await client.execute(uri: "/metrics", method: .get)
            #expect(
                String(buffer: again.body).contains(#"chorus_http_requests_total{route="/metrics",status="200"} 1"#))
        }
    }

    // MARK: - CORS

    static let listed = ServerConfiguration(
        cors: CORSPolicy(allowedOrigins: .only(["https://app.example.com", "http://localhost:3000"])))
    static let anyOrigin = ServerConfiguration(cors: CORSPolicy(allowedOrigins: .any))

    struct CORSCase: Sendable, CustomTestStringConvertible {
        var name: String
        var configuration: ServerConfiguration
        var exchange: HTTPCase
        /// Headers that must be absent.
        var absent: [String] = []
        var testDescription: String { name }
    }

    static let preflight: [(String, String)] = [
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "content-type, authorization, chorus-trace"),
    ]

    static let corsCases: [CORSCase] = [
        CORSCase(
            name: "preflight from a listed origin", configuration: listed,
            exchange: .request(
                "", .options, "/graphql", headers: [("Origin", "https://app.example.com")] + preflight, expect: 204,
                nil, "",
                responseHeaders: [
                    ("Access-Control-Allow-Origin", "https://app.example.com"),
                    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                    ("Access-Control-Allow-Headers", "authorization, content-type, chorus-trace"),
                    ("Access-Control-Max-Age", "600"), ("Vary", "Origin"),
                ])),
        CORSCase(
            name: "preflight from another origin", configuration: listed,
            exchange: .request(
                "", .options, "/graphql", headers: [("Origin", "https://evil.example")] + preflight, expect: 403, nil,
                "", responseHeaders: [("Vary", "Origin")]),
            absent: ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods"]),
        CORSCase(
            name: "preflight with any origin allowed", configuration: anyOrigin,
            exchange: .request(
                "", .options, "/graphql", headers: [("Origin", "https://anyone.example")] + preflight, expect: 204, nil,
                "",
                responseHeaders: [
                    ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                    ("Access-Control-Allow-Headers", "authorization, content-type, chorus-trace"),
                ]),
            absent: ["Vary"]),
        CORSCase(
            name: "preflight with CORS disabled", configuration: ServerConfiguration(),
            exchange: .request(
                "", .options, "/graphql", headers: [("Origin", "https://app.example.com")] + preflight, expect: 403,
                nil, ""),
            absent: ["Access-Control-Allow-Origin", "Vary"]),
        CORSCase(
            name: "a simple request from a listed origin", configuration: listed,
            exchange: .post(
                "", #"{"query":"{hello}"}"#, headers: [("Origin", "http://localhost:3000")], expect: 200,
                HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#,
                responseHeaders: [("Access-Control-Allow-Origin", "http://localhost:3000"), ("Vary", "Origin")])),
        CORSCase(
            name: "a simple request from another origin is answered without the header", configuration: listed,
            exchange: .get(
                "", [("query", "{hello}")], headers: [("Origin", "https://evil.example")], expect: 200,
                HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#, responseHeaders: [("Vary", "Origin")]),
            absent: ["Access-Control-Allow-Origin"]),
        CORSCase(
            name: "a simple request with any origin allowed", configuration: anyOrigin,
            exchange: .get(
                "", [("query", "{hello}")], headers: [("Origin", "https://anyone.example")], expect: 200,
                HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#,
                responseHeaders: [("Access-Control-Allow-Origin", "*")])),
        CORSCase(
            name: "an error response still carries the header", configuration: listed,
            exchange: .request(
                "", .get, "/nowhere", headers: [("Origin", "https://app.example.com")], expect: 404, nil, "",
                responseHeaders: [("Access-Control-Allow-Origin", "https://app.example.com")])),
        CORSCase(
            name: "no Origin: no CORS headers, but Vary", configuration: listed,
            exchange: .get(
                "", [("query", "{hello}")], expect: 200, HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#,
                responseHeaders: [("Vary", "Origin")]),
            absent: ["Access-Control-Allow-Origin"]),
        CORSCase(
            name: "no Origin, any origin allowed: no CORS headers", configuration: anyOrigin,
            exchange: .get(
                "", [("query", "{hello}")], expect: 200, HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#),
            absent: ["Access-Control-Allow-Origin", "Vary"]),
        CORSCase(
            name: "a preflight to /health", configuration: listed,
            exchange: .request(
                "", .options, "/health", headers: [("Origin", "https://app.example.com")] + preflight, expect: 204, nil,
                "", responseHeaders: [("Access-Control-Allow-Origin", "https://app.example.com")])),
    ]

    @Test("CORS", arguments: corsCases)
    func cors(_ cors: CORSCase) async throws {
        try await makeTestServer(configuration: cors.configuration).test(.router) { client in
            try await cors.exchange.check(with: client)
            let response = try await client.execute(
                uri: cors.exchange.uri, method: cors.exchange.method, headers: cors.exchange.requestHeaders,
                body: cors.exchange.body.map { ByteBuffer(string: $0) })
            for name in cors.absent {
                #expect(response.headers[HTTPField.Name(name)!] == nil, "\(name) should be absent")
            }
        }
    }
}
