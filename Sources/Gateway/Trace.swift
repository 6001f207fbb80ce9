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
        /// Time spent waiting on the store's round trips (concurrent ones overlap).
        public var time: Duration = .zero
    }

    private let counts = Mutex([StoreName: StoreCounts]())
    private let started = ContinuousClock.now
    let metrics: GatewayMetrics?

    init(metrics: GatewayMetrics?) {
        self.metrics = metrics
    }

    /// A round trip to `store` that returned `items`; `started` when the caller timed it.
    func roundTrip(_ store: StoreName, items: Int, started: ContinuousClock.Instant? = nil) {
        let elapsed = started.map { $0.duration(to: .now) } ?? .zero
        counts.withLock {
            $0[store, default: StoreCounts()].roundTrips += 1
            $0[store, default: StoreCounts()].items += items
            $0[store, default: StoreCounts()].time += elapsed
        }
        metrics?.roundTrip(store)
    }

    /// Makes one call to `store` with the timeout `budget` allows it (`REQUEST_TIMEOUT`, and no
    /// call, when it allows none), timed and counted with the `items` of its answer. A failure
    /// is counted too, and becomes `STORE_UNAVAILABLE` (the store's error kept for the log).
    func roundTrip<T>(
        _ store: StoreName, within budget: RequestBudget, items: (T) -> Int, _ call: (Duration) async throws -> T
    ) async throws -> T {
        let timeout = try budget.callTimeout(store)
        let started = ContinuousClock.now
        let value: T
        do {
            value = try await call(timeout)
        } catch {
            roundTrip(store, items: 0, started: started)
            metrics?.storeFailure(store)
            throw GatewayError.storeUnavailable(store, underlying: error)
        }
        roundTrip(store, items: items(value), started: started)
        return value
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

    /// `extensions.trace`: `{durationMs, stores: {postgresql: {roundTrips, items, cacheHits, cacheMisses, timeMs}, …}}`.
    func extensionValue() -> CoercedValue {
        func milliseconds(_ duration: Duration) -> Double {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return (value * 1000).rounded() / 1000
        }
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
                    .init(name: "timeMs", value: .float(milliseconds(counts.time))),
                ]))
        }
        return .object([
            .init(name: "durationMs", value: .float(milliseconds(started.duration(to: .now)))),
            .init(name: "stores", value: .object(stores)),
        ])
    }
}
