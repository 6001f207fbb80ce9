import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Synchronization
import Testing

@testable import Server

/// A service that admits its first `limit` operations and refuses the rest with `429`,
/// counting every admission asked for.
final class LimitedService: GraphQLService {
    let engine = EngineService()
    let limit: Int
    private let admissions = Mutex(0)

    init(limit: Int) { self.limit = limit }

    var schema: Schema { engine.schema }
    var validationRules: [any ValidationRule] { engine.validationRules }
    var parseOptions: ParseOptions { engine.parseOptions }
    var asked: Int { admissions.withLock { $0 } }

    func admit(_ client: ClientInfo) async -> Admission<ClientInfo> {
        let count = admissions.withLock { count in
            count += 1
            return count
        }
        guard count > limit else { return .admitted(client) }
        return .refused(GraphQLResponse(
            result: ExecutionResult(
                data: nil, errors: [GraphQLError(message: "Too many requests.", extensions: ["code": "RATE_LIMITED"])]),
            status: 429, headers: [("Retry-After", "7")]))
    }

    func execute(_ request: GraphQLRequest, as client: ClientInfo) async -> GraphQLResponse {
        await engine.execute(request, as: client)
    }
    func health() async -> [StoreStatus] { await engine.health() }
}

/// Admission comes before any GraphQL work: operations refused in parsing or validation are
/// admitted (so counted) first, each operation of a batch on its own, and a refusal answers
/// without parsing.
@Suite("Admission")
struct AdmissionTests {
    static let limited = #"{"errors":[{"message":"Too many requests.","extensions":{"code":"RATE_LIMITED"}}]}"#

    @Test func refusedOperationsAreAdmittedFirst() async throws {
        let service = LimitedService(limit: 3)
        try await Self.server(service).test(.router) { client in
            for exchange: HTTPCase in [
                .post("syntax error", #"{"query":"{"}"#, expect: 400, HTTPCase.graphQLResponse,
                    #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":2}]}]}"#),
                .post("validation error", #"{"query":"{ nope }"}"#, expect: 422, HTTPCase.graphQLResponse,
                    #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#),
                .post("admitted", #"{"query":"{hello}"}"#, expect: 200, HTTPCase.graphQLResponse, #"{"data":{"hello":"world"}}"#),
                .post("over the limit: refused before parsing", #"{"query":"{"}"#, expect: 429, HTTPCase.graphQLResponse,
                    Self.limited, responseHeaders: [("Retry-After", "7")]),
            ] {
                try await exchange.check(with: client)
            }
        }
        #expect(service.asked == 4)
    }

    @Test func eachOperationOfABatchIsAdmitted() async throws {
        let service = LimitedService(limit: 2)
        try await Self.server(service).test(.router) { client in
            let response = try await client.execute(
                uri: "/graphql", method: .post,
                headers: [.contentType: "application/json", .accept: "application/graphql-response+json"],
                body: ByteBuffer(string: #"[{"query":"{hello}"},{"query":"{hello}"},{"query":"{hello}"}]"#))
            // The operations run concurrently: which one is third to be admitted is not fixed.
            let body = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(body.components(separatedBy: #"{"data":{"hello":"world"}}"#).count - 1 == 2, "\(body)")
            #expect(body.components(separatedBy: Self.limited).count - 1 == 1, "\(body)")
        }
        #expect(service.asked == 3)
    }

    static func server(_ service: LimitedService) -> some ApplicationProtocol {
        var logger = Logger(label: "chorus.server.tests")
        logger.logLevel = .warning
        return makeServer(service: service, configuration: ServerConfiguration(), registry: PrometheusCollectorRegistry(), logger: logger)
    }
}
