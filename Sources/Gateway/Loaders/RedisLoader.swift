import Foundation
import RedisClient
import Synchronization

/// Whether to ask Redis at all: after a failure, requests skip Redis for a short while and
/// read from the source stores, so a Redis that is down or slow costs speed, never answers.
final class RedisGate: Sendable {
    private let reopenAt = Mutex<ContinuousClock.Instant?>(nil)
    let pause: Duration

    init(pause: Duration) {
        self.pause = pause
    }

    var isOpen: Bool {
        reopenAt.withLock { reopenAt in
            guard let instant = reopenAt else { return true }
            if ContinuousClock.now >= instant {
                reopenAt = nil
                return true
            }
            return false
        }
    }

    func failed() {
        reopenAt.withLock { $0 = ContinuousClock.now.advanced(by: pause) }
    }
}

/// Sends every Redis key read of one dispatch as one `MGET`. A failure answers every key
/// with nil (a miss) and closes the gate: the cache is an optimization, never a dependency.
struct RedisBatch {
    let client: RedisClient
    let gate: RedisGate
    let trace: RequestTrace
    let timeout: Duration
    let budget: RequestBudget

    func load(_ keys: [String]) async -> [String: Result<String?, any Error>] {
        func allMissing() -> [String: Result<String?, any Error>] {
            trace.metrics?.cacheFallback(keys.count)
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, .success(nil)) })
        }
        // With less of the budget left than a cache read may take, the read is skipped: the
        // source read that follows fails with REQUEST_TIMEOUT, and Redis is not to blame.
        guard gate.isOpen, budget.remaining >= timeout else { return allMissing() }
        let started = ContinuousClock.now
        do {
            let values = try await client.mget(keys, timeout: timeout)
            trace.roundTrip(.redis, items: values.count { $0 != nil }, started: started)
            return Dictionary(uniqueKeysWithValues: zip(keys, values).map { ($0, .success($1)) })
        } catch {
            trace.roundTrip(.redis, items: 0, started: started)
            gate.failed()
            return allMissing()
        }
    }
}
