/// The answer of a store's health probe, for `/health` and metrics.
public struct StoreHealth: Sendable, Equatable {
    /// `postgresql`, `redis`, `mongodb`.
    public var store: String
    public var isUp: Bool
    /// Round trip of the probe (`SELECT 1`, `PING`), when it succeeded.
    public var latency: Duration?
    /// Why the probe failed; safe to show an operator (no credentials, no data).
    public var failure: String?
    public var pool: PoolStatistics

    public init(store: String, isUp: Bool, latency: Duration?, failure: String?, pool: PoolStatistics) {
        self.store = store
        self.isUp = isUp
        self.latency = latency
        self.failure = failure
        self.pool = pool
    }
}
