import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

import Server

/// The server over a real socket: the same exchanges as in process, and a graceful shutdown.
@Suite("Live server")
struct LiveServerTests {
    @Test(
        "exchanges over TCP",
        arguments: [
            HTTPCase.get(
                "GET a query", [("query", "{hello}")], expect: 200, HTTPCase.graphQLResponse,
                #"{"data":{"hello":"world"}}"#),
            .post(
                "POST with partial data", #"{"query":"{ hello broken }"}"#, expect: 294, HTTPCase.graphQLResponse,
                #"{"errors":[{"message":"The broken field failed.","locations":[{"line":1,"column":9}],"path":["broken"]}],"data":{"hello":"world","broken":null}}"#
            ),
            .post(
                "bad JSON", "NONSENSE", accept: "application/json", expect: 400, HTTPCase.json,
                #"{"errors":[{"message":"The request body is not valid JSON: Unexpected character in JSON at byte 0."}]}"#
            ),
            .get(
                "a mutation over GET", [("query", #"mutation { rename(name: "x") }"#)], expect: 405,
                HTTPCase.graphQLResponse, #"{"errors":[{"message":"Mutations must be sent with POST."}]}"#,
                responseHeaders: [("Allow", "POST")]),
        ])
    func live(_ exchange: HTTPCase) async throws {
        try await makeTestServer().test(.live) { client in try await exchange.check(with: client) }
    }

    @Test("the service sees the peer's address")
    func clientAddress() async throws {
        let seen = Locked<String?>(nil)
        let service = RecordingService { _, client in seen.set(client.address) }
        try await makeServer(service: service, configuration: .init(), registry: .init(), logger: quietLogger)
            .test(.live) { client in
                let response = try await client.execute(
                    uri: "/graphql?query=%7Bhello%7D", method: .get, headers: [.accept: "application/json"])
                #expect(response.status == .ok)
            }
        let address = try #require(seen.value)
        #expect(address.hasPrefix("127.0.0.1:") || address.hasPrefix("[::1]:"))
    }

    @Test("graceful shutdown finishes the request in flight, then stops")
    func gracefulShutdown() async throws {
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let service = EngineService(slowDelay: .milliseconds(500), slowStarted: { startedContinuation.yield() })
        let app = PortReportingApplication(base: makeTestServer(service: service), port: portContinuation)
        let group = ServiceGroup(configuration: .init(services: [app], logger: quietLogger))

        let port = try await withThrowingTaskGroup(of: Void.self, returning: Int.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())

            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)))
            client.connect()
            let slow = Task {
                try await client.get(
                    "/graphql?query=%7Bslow%7D", headers: [.accept: "application/graphql-response+json"])
            }
            // Shut down while `slow` is resolving.
            var startedIterator = started.makeAsyncIterator()
            _ = await startedIterator.next()
            let shutdownStart = ContinuousClock.now
            await group.triggerGracefulShutdown()

            let response = try await slow.value
            #expect(response.status == .ok)
            #expect(response.body.map { String(buffer: $0) } == #"{"data":{"slow":"done"}}"#)
            try await client.shutdown()
            // The group ends once the request has been answered.
            try await tasks.waitForAll()
            #expect(ContinuousClock.now - shutdownStart < .seconds(5))
            return port
        }

        // Nothing listens any more.
        let late = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(2)))
        late.connect()
        await #expect(throws: (any Error).self) {
            _ = try await late.get("/health")
        }
        try? await late.shutdown()
    }
}

/// A value shared between tasks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    var value: Value { mutex.withLock { $0 } }

    func set(_ value: Value) { mutex.withLock { $0 = value } }
}

private let quietLogger: Logger = {
    var logger = Logger(label: "chorus.server.tests")
    logger.logLevel = .warning
    return logger
}()

/// Runs `base` on an ephemeral loopback port and reports the port once it listens.
struct PortReportingApplication<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder

    let base: Base
    let port: AsyncStream<Int>.Continuation

    var responder: Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var configuration: ApplicationConfiguration {
        var configuration = base.configuration
        configuration.address = .hostname("127.0.0.1", port: 0)
        return configuration
    }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }

    func onServerRunning(_ channel: any Channel) async {
        self.port.yield(channel.localAddress?.port ?? 0)
    }
}

/// A service that records each request it executes, with its caller, and answers `{hello}`.
struct RecordingService: GraphQLService {
    let engine = EngineService()
    let record: @Sendable (GraphQLRequest, ClientInfo) -> Void

    var schema: Schema { engine.schema }
    var validationRules: [any ValidationRule] { engine.validationRules }
    var parseOptions: ParseOptions { engine.parseOptions }

    func admit(_ client: ClientInfo) async -> Admission<ClientInfo> { await engine.admit(client) }

    func execute(_ request: GraphQLRequest, as client: ClientInfo) async -> GraphQLResponse {
        record(request, client)
        return await engine.execute(request, as: client)
    }

    func health() async -> [StoreStatus] { [] }
}
