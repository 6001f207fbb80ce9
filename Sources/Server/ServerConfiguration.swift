import Foundation

/// How the HTTP server listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The address to bind: `127.0.0.1` for this machine only, `0.0.0.0` for every interface.
    public var host: String
    public var port: Int
    /// The largest POST body read, in bytes; a larger one gets `413`.
    public var maxBodySize: Int
    /// The most bytes one request's variables may take as JSON; more gets `413`.
    public var maxVariablesSize: Int
    /// The most operations one batched POST (a JSON array) may hold; more gets `413`, and 1
    /// turns batching off.
    public var maxBatchSize: Int
    /// Which browser origins may call the server from another origin.
    public var cors: CORSPolicy
    /// The playground's folder; nil for the copy beside the executable.
    public var playgroundDirectory: URL?
    /// The most bytes (estimated) the cache of parsed and validated documents may hold.
    public var documentCacheSize: Int

    public init(
        host: String = "127.0.0.1", port: Int = 4000, maxBodySize: Int = 1 << 20, maxVariablesSize: Int = 64 << 10,
        maxBatchSize: Int = 10, cors: CORSPolicy = .disabled, playgroundDirectory: URL? = nil,
        documentCacheSize: Int = 32 << 20
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.maxVariablesSize = maxVariablesSize
        self.maxBatchSize = maxBatchSize
        self.cors = cors
        self.playgroundDirectory = playgroundDirectory
        self.documentCacheSize = documentCacheSize
    }
}

/// Cross-origin access for browsers (the Fetch standard's CORS protocol).
///
/// A request from an allowed origin gets `Access-Control-Allow-Origin`; a preflight
/// (`OPTIONS` with `Access-Control-Request-Method`) from one gets `204` with the allowed
/// methods and headers, and from any other origin `403`. Requests from other origins are
/// still answered, without the header, so the browser withholds the response from the page.
public struct CORSPolicy: Sendable, Equatable {
    public enum AllowedOrigins: Sendable, Equatable {
        /// Any origin (`Access-Control-Allow-Origin: *`).
        case any
        /// These origins only, compared as browsers serialize them (`https://app.example.com`,
        /// scheme and host in lower case, no trailing slash).
        case only([String])
    }

    public var allowedOrigins: AllowedOrigins
    /// Request headers a cross-origin request may carry, beyond the CORS-safelisted ones.
    public var allowedHeaders: [String]
    /// How long a browser may cache a preflight answer.
    public var maxAge: Duration

    public init(
        allowedOrigins: AllowedOrigins, allowedHeaders: [String] = ["authorization", "content-type", "chorus-trace"],
        maxAge: Duration = .seconds(600)
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowedHeaders = allowedHeaders
        self.maxAge = maxAge
    }

    /// No cross-origin access: the playground and same-origin pages only.
    public static let disabled = CORSPolicy(allowedOrigins: .only([]))

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, or nil when that
    /// origin is not allowed.
    func allowOrigin(for origin: String) -> String? {
        switch allowedOrigins {
        case .any: return "*"
        case .only(let origins):
            let lowered = origin.lowercased()
            return origins.contains { $0.lowercased() == lowered } ? origin : nil
        }
    }
}
