import Foundation
import RedisClient
import Synchronization

/// Requests per client per window, counted in Redis so that every Chorus instance shares the
/// count (ARCHITECTURE.md §6, "Who is asking"): a fixed window, one `INCR` and `EXPIRE` in one pipeline per request.
///
/// The client is the token's subject when there is one, else the peer's address. Every request
/// is also counted in this instance's memory (`LocalRateWindows`); with Redis down or slow (its
/// gate closed, or a call past its timeout) that count decides, so the limit holds per instance
/// instead of switching off, and a cache fallback is counted.
struct RateLimiter: Sendable {
    let limit: Int
    let window: Duration
    let redis: RedisClient
    let gate: RedisGate
    let timeout: Duration
    let metrics: GatewayMetrics
    let local: LocalRateWindows

    enum Decision: Sendable, Equatable {
        case allowed
        /// Over the limit: retry after this many seconds (the rest of the window).
        case limited(retryAfter: Int)
    }

    func admit(client: String, now: Date = Date()) async -> Decision {
        guard limit > 0 else { return .allowed }
        let seconds = max(1, Int(window.components.seconds))
        let epoch = Int(now.timeIntervalSince1970)
        let start = epoch - epoch % seconds
        let digest = Self.digest(client)
        let decide = { (count: Int) -> Decision in
            count > limit ? .limited(retryAfter: max(1, start + seconds - epoch)) : .allowed
        }
        let localCount = local.count(digest, window: start)
        guard gate.isOpen else { return decide(localCount) }
        // The client's name is hashed into the key: any text may come from a token or a header.
        let key = "chorus:v1:rate:\(digest):\(start)"
        do {
            let replies = try await redis.pipeline(
                [RedisCommand("INCR", key), RedisCommand.expire(key, seconds: seconds + 1)], timeout: timeout)
            guard case .integer(let count)? = replies.first else { return decide(localCount) }
            return decide(Int(count))
        } catch {
            gate.failed()
            metrics.cacheFallback()
            return decide(localCount)
        }
    }

    /// FNV-1a, 64 bits, in hex: a short, fixed-alphabet key part for any client name.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Requests per client in the current fixed window, in this instance's memory: what decides
/// when Redis cannot. At most `capacity` clients are counted by name; past that, the entries
/// of earlier windows are dropped, and if none is, every further client shares one overflow
/// counter, so an attacker rotating client names can neither grow memory nor escape counting.
final class LocalRateWindows: Sendable {
    private struct State {
        var window = 0
        var counts: [String: Int] = [:]
        var overflow = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Counts one request of `client` in the window starting at `window` (seconds since 1970)
    /// and returns the client's count so far in it, this one included.
    func count(_ client: String, window: Int) -> Int {
        state.withLock { state in
            if window != state.window {
                // A new window: the old counts no longer matter.
                state = State(window: window)
            }
            if let count = state.counts[client] {
                state.counts[client] = count + 1
                return count + 1
            }
            guard state.counts.count < capacity else {
                state.overflow += 1
                return state.overflow
            }
            state.counts[client] = 1
            return 1
        }
    }

    /// How many clients are counted by name (for tests).
    var entries: Int { state.withLock { $0.counts.count } }
}
