import GraphQLExecution
import Hummingbird
import Prometheus

/// The server's own metrics, in the registry `/metrics` exports (which the gateway adds its
/// store and cache metrics to).
///
/// - `chorus_http_requests_total{route,status}`: responses sent.
/// - `chorus_http_request_duration_seconds{route}`: time from request to response head.
/// - `chorus_graphql_errors_total{kind}`: GraphQL errors in responses, by where they arose:
///   `syntax`, `validation`, `request` (operation selection, variable coercion) or `field`.
/// - `chorus_document_cache_bytes`, `chorus_document_cache_entries`,
///   `chorus_document_cache_lookups_total{result}` (`hit`, `miss`): the document cache.
struct ServerMetrics: Sendable {
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

    enum ErrorKind: String {
        case syntax, validation, request, field
    }

    func recordResponse(route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "HTTP responses sent, by route and status code."),
            labels: [("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Time from receiving a request to sending its response head, by route."),
            labels: [("route", route)],
            buckets: Self.durationBuckets
        ).record(duration)
    }

    /// The document cache's size and one lookup's result.
    func recordDocumentLookup(hit: Bool, _ statistics: DocumentCache.Statistics) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "document_cache", metricName: "lookups", unitName: "total",
                helpText: "Document cache lookups, by result: hit or miss."),
            labels: [("result", hit ? "hit" : "miss")]
        ).increment()
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "document_cache", metricName: "bytes",
                helpText: "The document cache's estimated size in bytes (bounded by its configured size).")
        ).set(Int64(statistics.bytes))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "document_cache", metricName: "entries",
                helpText: "Documents in the document cache.")
        ).set(Int64(statistics.entries))
    }

    func recordGraphQLErrors(_ count: Int, kind: ErrorKind) {
        guard count > 0 else { return }
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "chorus", subsystem: "graphql", metricName: "errors", unitName: "total",
                helpText: "GraphQL errors returned to clients, by kind: syntax, validation, request, field."),
            labels: [("kind", kind.rawValue)]
        ).increment(by: Int64(count))
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
