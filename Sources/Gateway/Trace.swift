import GraphQLSchema
import Synchronization

/// What one request cost each store: round trips, items fetched, cache hits and misses.
///
/// Every loader reports here as it sends a batch, so `extensions.trace` (request header
/// `chorus-trace: 1`) shows batching at work: for any query, each store's `roundTrips` is at
/// most the number of query levels that touch it. Cache fills, written after the response
/// in one pipeline, are not on the request's path and are not counted.
public final class RequestTrace: Sendable {
    public struct StoreCounts: Sendable, Equatable {
        public var roundTrips = 0
        public var items = 0
        public var cacheHits = 0
        public var cacheMisses = 0
    }

    private let counts = Mutex([StoreName: StoreCounts]())
    private let started = ContinuousClock.now
    let metrics: GatewayMetrics?

    init(metrics: GatewayMetrics?) {
        self.metrics = metrics
    }

    func roundTrip(_ store: StoreName, items: Int) {
        counts.withLock {
            $0[store, default: StoreCounts()].roundTrips += 1
            $0[store, default: StoreCounts()].items += items
        }
        metrics?.roundTrip(store)
    }

    func cache(hits: Int, misses: Int) {
        counts.withLock {
            $0[.redis, default: StoreCounts()].cacheHits += hits
            $0[.redis, default: StoreCounts()].cacheMisses += misses
        }
        metrics?.cache(hits: hits, misses: misses)
    }

    /// The counts so far for one store.
    public func counts(for store: StoreName) -> StoreCounts {
        counts.withLock { $0[store] ?? StoreCounts() }
    }

    /// `extensions.trace`: `{durationMs, stores: {postgresql: {roundTrips, items, cacheHits, cacheMisses}, …}}`.
    func extensionValue() -> CoercedValue {
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let snapshot = counts.withLock { $0 }
        let stores: [CoercedValue.Entry] = StoreName.allCases.map { store in
            let counts = snapshot[store] ?? StoreCounts()
            return .init(
                name: store.rawValue,
                value: .object([
                    .init(name: "roundTrips", value: .int(counts.roundTrips)),
                    .init(name: "items", value: .int(counts.items)),
                    .init(name: "cacheHits", value: .int(counts.cacheHits)),
                    .init(name: "cacheMisses", value: .int(counts.cacheMisses)),
                ]))
        }
        return .object([
            .init(name: "durationMs", value: .float((milliseconds * 1000).rounded() / 1000)),
            .init(name: "stores", value: .object(stores)),
        ])
    }
}
