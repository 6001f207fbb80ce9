import Foundation
import RedisClient

/// Requests per client per window, counted in Redis so that every Chorus instance shares the
/// count (DESIGN.md §8): a fixed window, one `INCR` and `EXPIRE` in one pipeline per request.
///
/// The client is the token's subject when there is one, else the peer's address. Redis down or
/// slow lets the request through (a rate limit must not turn a cache outage into an outage)
/// and counts a cache fallback.
struct RateLimiter: Sendable {
    let limit: Int
    let window: Duration
    let redis: RedisClient
    let gate: RedisGate
    let timeout: Duration
    let metrics: GatewayMetrics

    enum Decision: Sendable, Equatable {
        case allowed
        /// Over the limit: retry after this many seconds (the rest of the window).
        case limited(retryAfter: Int)
    }

    func admit(client: String, now: Date = Date()) async -> Decision {
        guard limit > 0, gate.isOpen else { return .allowed }
        let seconds = max(1, Int(window.components.seconds))
        let epoch = Int(now.timeIntervalSince1970)
        let start = epoch - epoch % seconds
        // The client's name is hashed into the key: any text may come from a token or a header.
        let key = "chorus:v1:rate:\(Self.digest(client)):\(start)"
        do {
            let replies = try await redis.pipeline(
                [RedisCommand("INCR", key), RedisCommand.expire(key, seconds: seconds + 1)], timeout: timeout)
            guard case .integer(let count)? = replies.first else { return .allowed }
            return count > limit ? .limited(retryAfter: max(1, start + seconds - epoch)) : .allowed
        } catch {
            gate.failed()
            metrics.cacheFallback()
            return .allowed
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
