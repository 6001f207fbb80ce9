import GraphQLExecution
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// The Chorus HTTP server over a GraphQL service.
///
/// Routes: `/graphql` (GraphQL over HTTP), `/health`, `/metrics` (from `registry`, where the
/// server records its request and error counts), and the playground at `/playground` and `/`,
/// its files under `/playground/`. Run it as a service so that SIGTERM and SIGINT shut it down gracefully —
/// it stops accepting connections and finishes the requests in flight:
///
/// ```swift
/// let app = makeServer(service: gateway, configuration: .init(port: 4000), registry: registry, logger: logger)
/// try await app.runService()
/// ```
public func makeServer(
    service: some GraphQLService, configuration: ServerConfiguration, registry: PrometheusCollectorRegistry,
    logger: Logger
) -> some ApplicationProtocol {
    let metrics = ServerMetrics(registry: registry)
    let router = Router(context: ServerRequestContext.self)
    // Middleware applies to the routes added after it, and to requests that match none.
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: CORSPolicyMiddleware(policy: configuration.cors))

    let playground = PlaygroundFiles.load(from: configuration.playgroundDirectory)
    if let problem = playground.problem { logger.warning("\(problem)") }
    let endpoint = GraphQLEndpoint(
        service: service, maxBodySize: configuration.maxBodySize, maxVariablesSize: configuration.maxVariablesSize,
        maxBatchSize: configuration.maxBatchSize, playground: playground,
        documents: DocumentCache(maxBytes: configuration.documentCacheSize), metrics: metrics, logger: logger)
    router.get("/graphql") { request, context in try await endpoint.respond(to: request, context: context) }
    router.post("/graphql") { request, context in try await endpoint.respond(to: request, context: context) }
    for method: HTTPRequest.Method in [.put, .patch, .delete] {
        router.on("/graphql", method: method) { request, context in
            try await endpoint.respond(to: request, context: context)
        }
    }
    router.on("/graphql", method: .head) { _, _ in
        Response(status: .methodNotAllowed, headers: [.allow: "GET, POST, OPTIONS"])
    }
    // A preflight never gets here (the CORS middleware answers it); a plain OPTIONS does.
    router.on("/graphql", method: .options) { _, _ in
        Response(status: .noContent, headers: [.allow: "GET, POST, OPTIONS"])
    }

    router.get("/health") { _, _ in healthResponse(await service.health()) }
    router.get("/metrics") { _, _ in metricsResponse(registry) }
    router.get("/playground") { request, _ in playground.page(for: request) }
    router.get("/") { request, _ in playground.page(for: request) }
    router.get("/playground/:file") { request, context in
        playground.respond(named: context.parameters.get("file") ?? "", to: request)
    }

    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
        logger: logger)
}

/// The request context: Hummingbird's core storage plus the peer's address, which the
/// GraphQL service receives as `ClientInfo.address`.
struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
