import Prometheus

/// The gateway's Prometheus series, registered once in the registry `/metrics` renders.
final class GatewayMetrics: Sendable {
    private let roundTrips: [StoreName: Counter]
    private let storeFailures: [StoreName: Counter]
    private let overruns: Counter
    private let cacheHits: Counter
    private let cacheMisses: Counter
    private let cacheFallbacks: Counter
    private let outboxApplied: Counter
    private let outboxFailures: Counter

    init(registry: PrometheusCollectorRegistry) {
        var roundTrips: [StoreName: Counter] = [:]
        for store in StoreName.allCases {
            roundTrips[store] = registry.makeCounter(
                name: "chorus_store_round_trips_total", labels: [("store", store.rawValue)],
                help: "Round trips sent to each store by request loaders.")
        }
        self.roundTrips = roundTrips
        storeFailures = Dictionary(uniqueKeysWithValues: StoreName.allCases.map { store in
            (store, registry.makeCounter(
                name: "chorus_store_failures_total", labels: [("store", store.rawValue)],
                help: "Store calls of requests that failed or timed out (fields answered STORE_UNAVAILABLE)."))
        })
        overruns = registry.makeCounter(
            name: "chorus_request_overruns_total",
            help: "Queries answered REQUEST_TIMEOUT (504) because they ran past their time budget.")
        cacheHits = registry.makeCounter(
            name: "chorus_cache_hits_total", help: "Entity and analytics cache lookups answered by Redis.")
        cacheMisses = registry.makeCounter(
            name: "chorus_cache_misses_total", help: "Cache lookups Redis could not answer (read from the source).")
        cacheFallbacks = registry.makeCounter(
            name: "chorus_cache_fallbacks_total",
            help: "Cache lookups skipped or failed because Redis was down or slow (served from the source).")
        outboxApplied = registry.makeCounter(
            name: "chorus_outbox_applied_total", help: "Outbox events applied to MongoDB.")
        outboxFailures = registry.makeCounter(
            name: "chorus_outbox_failures_total", help: "Attempts to apply an outbox event that failed (retried).")
    }

    func roundTrip(_ store: StoreName) { roundTrips[store]?.increment() }
    func storeFailure(_ store: StoreName) { storeFailures[store]?.increment() }
    func requestOverrun() { overruns.increment() }

    func cache(hits: Int, misses: Int) {
        if hits > 0 { cacheHits.increment(by: Int64(hits)) }
        if misses > 0 { cacheMisses.increment(by: Int64(misses)) }
    }

    func cacheFallback(_ count: Int = 1) { cacheFallbacks.increment(by: Int64(count)) }
    func outboxEventApplied() { outboxApplied.increment() }
    func outboxEventFailed() { outboxFailures.increment() }
}
