import GraphQLExecution
import Hummingbird
import Prometheus
import Synchronization

/// The server's own metrics, in the registry `/metrics` exports (which the gateway adds its
/// store and cache metrics to).
///
/// - `chorus_http_requests_total{route,status}`: responses sent.
/// - `chorus_http_request_duration_seconds{route}`: time from request to response head.
/// - `chorus_graphql_errors_total{kind}`: GraphQL errors in responses, by where they arose:
///   `syntax`, `validation`, `request` (operation selection, variable coercion) or `field`.
/// - `chorus_document_cache_bytes`, `chorus_document_cache_entries`,
///   `chorus_document_cache_lookups_total{result}` (`hit`, `miss`): the document cache.
///
/// Every series is made once and its handle kept: making one builds its name and takes the
/// registry's lock, which costs more than a small request's own work.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Label values for `route`: the server's routes; anything else is `other`, so that
    /// scanners probing random paths cannot grow the number of series.
    static let routes: Set<String> = ["/graphql", "/health", "/metrics", "/playground", "/", "/playground/{file}"]

    /// Buckets from 1 ms to 10 s: store round trips are milliseconds, slow queries seconds.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]

    enum ErrorKind: String, CaseIterable {
        case syntax, validation, request, field
    }

    private let durations: [String: DurationHistogram]
    /// `chorus_http_requests_total` by route and status, made the first time each is sent
    /// (statuses are three-digit codes and routes a fixed set, so the series stay bounded).
    private let responses = Mutex<[String: [Int: Counter]]>([:])
    private let errors: [ErrorKind: Counter]
    private let documentHits: Counter
    private let documentMisses: Counter
    private let documentBytes: Gauge
    private let documentEntries: Gauge

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        durations = Dictionary(
            uniqueKeysWithValues: (Self.routes.sorted() + ["other"]).map { route in
                (
                    route,
                    registry.makeDurationHistogram(
                        descriptor: MetricNameDescriptor(
                            namespace: "chorus", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                            helpText: "Time from receiving a request to sending its response head, by route."),
                        labels: [("route", route)], buckets: Self.durationBuckets)
                )
            })
        errors = Dictionary(
            uniqueKeysWithValues: ErrorKind.allCases.map { kind in
                (
                    kind,
                    registry.makeCounter(
                        descriptor: MetricNameDescriptor(
                            namespace: "chorus", subsystem: "graphql", metricName: "errors", unitName: "total",
                            helpText: "GraphQL errors returned to clients, by kind: syntax, validation, request, field."),
                        labels: [("kind", kind.rawValue)])
                )
            })
        let lookups = { (result: String) in
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "chorus", subsystem: "document_cache", metricName: "lookups", unitName: "total",
                    helpText: "Document cache lookups, by result: hit or miss."),
                labels: [("result", result)])
        }
        documentHits = lookups("hit")
        documentMisses = lookups("miss")
        documentBytes = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "document_cache", metricName: "bytes",
                helpText: "The document cache's estimated size in bytes (bounded by its configured size)."))
        documentEntries = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "document_cache", metricName: "entries",
                helpText: "Documents in the document cache."))
    }

    /// One response: `route` is one of `routes` or `other`.
    func recordResponse(route: String, status: Int, duration: Duration) {
        let counter = responses.withLock { byRoute in
            if let counter = byRoute[route]?[status] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "chorus", subsystem: "http", metricName: "requests", unitName: "total",
                    helpText: "HTTP responses sent, by route and status code."),
                labels: [("route", route), ("status", String(status))])
            byRoute[route, default: [:]][status] = counter
            return counter
        }
        counter.increment()
        durations[route]?.record(duration)
    }

    /// One lookup's result; after a miss (which may have added an entry and evicted others),
    /// the cache's size too.
    func recordDocumentLookup(hit: Bool, _ cache: DocumentCache) {
        guard !hit else {
            documentHits.increment()
            return
        }
        documentMisses.increment()
        let statistics = cache.statistics
        documentBytes.set(Int64(statistics.bytes))
        documentEntries.set(Int64(statistics.entries))
    }

    func recordGraphQLErrors(_ count: Int, kind: ErrorKind) {
        guard count > 0 else { return }
        errors[kind]?.increment(by: Int64(count))
    }
}

/// Counts every response and times it, whatever route or middleware produced it.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(status: response.status.code, context: context, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(status: status.code, context: context, since: start)
            throw error
        }
    }

    private func record(status: Int, context: Context, since start: ContinuousClock.Instant) {
        let path = context.endpointPath ?? ""
        let route = ServerMetrics.routes.contains(path) ? path : "other"
        metrics.recordResponse(route: route, status: status, duration: ContinuousClock.now - start)
    }
}

/// `/metrics`: the registry in Prometheus's text exposition format (version 0.0.4).
func metricsResponse(_ registry: PrometheusCollectorRegistry) -> Response {
    var buffer = ByteBuffer()
    buffer.writeBytes(registry.emitToBuffer())
    return Response(
        status: .ok,
        headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: buffer))
}
