import GraphQLLanguage

extension Gateway {
    /// The gateway's decision on one operation, before any GraphQL work: go ahead as this
    /// viewer, or be refused.
    public enum Admission: Sendable, Equatable {
        case admitted(Viewer)
        case refused(Refusal)
    }

    /// A refused operation: the HTTP status, the one error the client reads, and the headers
    /// that tell it what to do (`WWW-Authenticate`, `Retry-After`).
    public struct Refusal: Sendable, Equatable {
        public var status: Int
        public var error: GraphQLError
        public var headers: [Header]

        public struct Header: Sendable, Equatable {
            public var name: String
            public var value: String
        }
    }

    /// Who is asking, and whether they may ask now: the credential first (a bad token is a
    /// `401 UNAUTHENTICATED`, counted against nobody), then the rate limit (`429
    /// RATE_LIMITED` with `Retry-After`), per token subject, else per peer address (without
    /// its port). Called for every operation, before it is parsed, so that refused operations
    /// count too; the viewer it admits is the one the operation runs as.
    ///
    /// - Parameters:
    ///   - authorization: the `Authorization` header's value, as sent.
    ///   - address: the peer as `host:port` or `[v6]:port`, when known.
    public func admit(authorization: String?, address: String?) async -> Admission {
        let viewer: Viewer
        do {
            viewer = try tokens.viewer(authorization: authorization)
        } catch {
            // A credential that does not check out is refused outright, never read as anonymous.
            return .refused(
                Refusal(
                    status: 401, error: GraphQLError(message: error.description, extensions: ["code": "UNAUTHENTICATED"]),
                    headers: [Refusal.Header(name: "WWW-Authenticate", value: #"Bearer error="invalid_token""#)]))
        }
        guard configuration.rateLimit > 0 else { return .admitted(viewer) }
        let client = viewer.id.map { "user:\($0.lowercasedText)" } ?? "address:" + Self.host(of: address)
        let limiter = RateLimiter(
            limit: configuration.rateLimit, window: configuration.rateWindow, redis: stores.redis, gate: redisGate,
            timeout: configuration.cacheTimeout, metrics: metrics, local: localRates)
        switch await limiter.admit(client: client) {
        case .allowed:
            return .admitted(viewer)
        case .limited(let retryAfter):
            return .refused(
                Refusal(
                    status: 429,
                    error: GraphQLError(
                        message: "Too many requests: try again in \(retryAfter) s.", extensions: ["code": "RATE_LIMITED"]),
                    headers: [Refusal.Header(name: "Retry-After", value: String(retryAfter))]))
        }
    }

    /// A peer address without its port: every connection from one host is one client.
    static func host(of address: String?) -> String {
        guard let address else { return "unknown" }
        return address.lastIndex(of: ":").map { String(address[..<$0]) } ?? address
    }
}
