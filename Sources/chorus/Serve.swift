import ArgumentParser
import Foundation
import Gateway
import GraphQLLanguage
import GraphQLExecution
import GraphQLSchema
import GraphQLValidation
import Hummingbird
import Logging
import Prometheus
import Server
import ServiceLifecycle

/// `chorus serve`: the gateway over HTTP (ARCHITECTURE.md, "The request, from socket to stores").
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the gateway: /graphql, /playground, /health, /metrics.",
        discussion: """
            Stores come from DATABASE_URL, MONGODB_URL and REDIS_URL. CHORUS_SCHEMA_DIR points at \
            the SDL files, and CHORUS_PLAYGROUND_DIR at the playground's, when the binary runs away \
            from its build folder. SIGTERM or SIGINT stops \
            accepting connections and finishes the requests in flight for at most --shutdown-grace; \
            requests still running then are cancelled.
            """)

    @Option(help: "The address to listen on (0.0.0.0 for every interface).") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 4000
    @Option(help: "The largest request body accepted, in bytes.") var maxBodySize = 1 << 20
    @Option(help: "The most bytes one request's variables may take, as JSON.") var maxVariablesSize = 64 << 10
    @Option(help: "The most operations a batched POST (a JSON array) may hold; 1 turns batching off.")
    var maxBatchSize = 10
    @Option(help: "Requests per client (token subject, else address) per minute; 0 turns the limit off.")
    var rateLimit = 600
    @Option(help: "The most time one request may take, in milliseconds (its time budget).")
    var requestTimeout = 10_000
    @Option(help: "The most time one PostgreSQL or MongoDB call may take, in milliseconds.")
    var storeTimeout = 5_000
    @Option(help: "Connections in the PostgreSQL pool.") var postgresPool = 10
    @Option(help: "Connections in the MongoDB pool.") var mongoPool = 8
    @Option(help: "How long a call waits for a pooled connection when all are busy, in milliseconds.")
    var poolWait = 1_000
    @Flag(inversion: .prefixedNo, help: "Whether clients may introspect the schema (the playground needs it).")
    var introspection = true
    @Flag(help: "Production mode: refuse to start with the development token secret.")
    var production = false
    @Option(help: "How long SIGTERM or SIGINT waits for requests in flight before cancelling them, in milliseconds.")
    var shutdownGrace = 10_000
    @Option(
        name: .customLong("cors-origin"),
        help: "A browser origin allowed to call Chorus from another site (repeatable; * for any).")
    var corsOrigins: [String] = []

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard maxBodySize > 0, maxVariablesSize > 0, maxBatchSize > 0 else {
            throw ValidationError("--max-body-size, --max-variables-size and --max-batch-size must be positive")
        }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 (off) or positive") }
        guard requestTimeout > 0, storeTimeout > 0, poolWait > 0 else {
            throw ValidationError("--request-timeout, --store-timeout and --pool-wait must be positive")
        }
        guard postgresPool > 0, mongoPool > 0 else { throw ValidationError("pool sizes must be positive") }
        guard shutdownGrace >= 0 else { throw ValidationError("--shutdown-grace must be 0 or positive") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "chorus")
        let environment = ProcessInfo.processInfo.environment
        var gatewayConfiguration = GatewayConfiguration()
        gatewayConfiguration.schemaDirectory = environment["CHORUS_SCHEMA_DIR"].map(URL.init(fileURLWithPath:))
        let production = self.production || environment["CHORUS_ENV"] == "production"
        let tokens = try TokenAuthority.Settings.fromEnvironment(environment, production: production)
        if tokens.usesDevelopmentSecret {
            logger.warning("signing and accepting tokens with the development secret: set CHORUS_JWT_SECRET in production")
        }
        if !tokens.publicKeys.isEmpty {
            let hs256 = tokens.secret == nil ? "off" : "on"
            logger.info("verifying tokens with \(tokens.publicKeys.count) public key(s) from CHORUS_JWT_PUBLIC_KEYS; HS256 \(hs256)")
        }
        gatewayConfiguration.tokenSecret = tokens.secret
        gatewayConfiguration.tokenPublicKeys = tokens.publicKeys
        gatewayConfiguration.rateLimit = rateLimit
        gatewayConfiguration.introspection = introspection
        gatewayConfiguration.requestTimeout = .milliseconds(requestTimeout)
        gatewayConfiguration.storeTimeout = .milliseconds(storeTimeout)
        var pools = GatewayStores.Pools()
        pools.postgres = postgresPool
        pools.mongo = mongoPool
        pools.wait = .milliseconds(poolWait)
        let registry = PrometheusCollectorRegistry()
        let stores = try GatewayStores.fromEnvironment(environment, pools: pools)
        let gateway: Gateway
        do {
            gateway = try Gateway(stores: stores, configuration: gatewayConfiguration, registry: registry, logger: logger)
        } catch {
            await stores.shutdown()
            throw error
        }
        // Finishes completions a previous run left half done, then keeps applying new ones.
        let outbox = gateway.startOutboxWorker()
        let cors: CORSPolicy =
            corsOrigins.isEmpty ? .disabled : corsOrigins.contains("*") ? CORSPolicy(allowedOrigins: .any)
            : CORSPolicy(allowedOrigins: .only(corsOrigins))
        let server = makeServer(
            service: GatewayService(gateway: gateway),
            configuration: ServerConfiguration(
                host: host, port: port, maxBodySize: maxBodySize, maxVariablesSize: maxVariablesSize,
                maxBatchSize: maxBatchSize, cors: cors,
                playgroundDirectory: environment["CHORUS_PLAYGROUND_DIR"].map(URL.init(fileURLWithPath:))),
            registry: registry, logger: logger)
        logger.info("chorus serving on http://\(host):\(port)/graphql")
        do {
            // Graceful shutdown (no new connections, requests in flight finish) lasts at most
            // the grace; then the requests still running are cancelled, and a process that has
            // not stopped within another grace period stops with a fatal error.
            var group = ServiceGroupConfiguration(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            group.maximumGracefulShutdownDuration = .milliseconds(shutdownGrace)
            group.maximumCancellationDuration = .milliseconds(max(shutdownGrace, 1_000))
            try await ServiceGroup(configuration: group).run()
        } catch {
            outbox.cancel()
            await stores.shutdown()
            throw error
        }
        outbox.cancel()
        _ = await outbox.value
        await stores.shutdown()
    }
}

/// The gateway as the HTTP server sees it: the server's types mapped onto the gateway's.
struct GatewayService: GraphQLService {
    let gateway: Gateway

    /// The admitted viewer, and whether the request asked for `extensions.trace`.
    struct Caller: Sendable {
        var viewer: Viewer
        var wantsTrace: Bool
    }

    var schema: Schema { gateway.schema }
    var validationRules: [any ValidationRule] { gateway.validationRules }
    var parseOptions: ParseOptions { gateway.configuration.parseOptions }

    func admit(_ client: ClientInfo) async -> Admission<Caller> {
        switch await gateway.admit(authorization: client.authorization, address: client.address) {
        case .admitted(let viewer):
            return .admitted(Caller(viewer: viewer, wantsTrace: client.wantsTrace))
        case .refused(let refusal):
            return .refused(
                GraphQLResponse(
                    result: ExecutionResult(data: nil, errors: [refusal.error]), status: refusal.status,
                    headers: refusal.headers.map { ($0.name, $0.value) }))
        }
    }

    func execute(_ request: GraphQLRequest, as caller: Caller) async -> GraphQLResponse {
        let response = await gateway.execute(request, viewer: caller.viewer, trace: caller.wantsTrace)
        return GraphQLResponse(result: response.result, extensions: response.extensions, status: response.status)
    }

    func health() async -> [StoreStatus] {
        await gateway.health().map { StoreStatus(name: $0.store, isUp: $0.isUp, latency: $0.latency, error: $0.failure) }
    }
}
