import CMongoC
import StoreSupport

/// Everything that can go wrong talking to MongoDB, one case per failure.
///
/// Cases that come from libmongoc carry its `bson_error_t` domain and code (error API version 2:
/// server errors use domain `MONGOC_ERROR_SERVER` and the server's own code). Messages may quote
/// document values (a duplicate key, for instance): log them only at debug level.
public enum MongoError: Error, Sendable, Equatable {
    /// A unique index rejected the write (server code 11000).
    case duplicateKey(message: String)
    /// The server answered with an error (domain `MONGOC_ERROR_SERVER` or a write error).
    case server(domain: UInt32, code: UInt32, message: String)
    /// No server could be reached or the connection broke (stream, server selection, socket timeout).
    case connection(domain: UInt32, code: UInt32, message: String)
    /// Any other libmongoc error (client-side validation, a command libmongoc refused to send).
    case client(domain: UInt32, code: UInt32, message: String)
    /// The call did not finish within its deadline; the connection is returned to the pool once
    /// the call ends (libmongoc gives up on a silent server after socketTimeoutMS).
    case timeout(operation: String, after: Duration)
    /// Every pooled connection stayed busy for the whole wait: the acquire timeout, or the
    /// call's timeout if shorter. `statistics` is the pool as the wait ended.
    case poolExhausted(waited: Duration, statistics: PoolStatistics)
    /// The connection string was rejected.
    case invalidURL(String)
    /// A document could not be encoded (a NUL in a key, too large, a non-number for `$inc`).
    case invalidDocument(String)
    /// Bytes from the server (or given to `BSONDocument(bytes:)`) are not valid BSON or UTF-8.
    case invalidBSON(String)
    /// The pool was shut down.
    case shutDown

    /// Server code 11000 (or 11001, its old alias), in any domain.
    static let duplicateKeyCodes: Set<UInt32> = [11000, 11001]

    /// Classifies a libmongoc error.
    init(_ error: bson_error_t) {
        let message = withUnsafeBytes(of: error.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let domain = error.domain
        let code = error.code
        if Self.duplicateKeyCodes.contains(code) {
            self = .duplicateKey(message: message)
        } else if domain == UInt32(MONGOC_ERROR_STREAM.rawValue) || domain == UInt32(MONGOC_ERROR_SERVER_SELECTION.rawValue) {
            self = .connection(domain: domain, code: code, message: message)
        } else if domain == UInt32(MONGOC_ERROR_SERVER.rawValue) || domain == UInt32(MONGOC_ERROR_WRITE_CONCERN.rawValue) {
            self = .server(domain: domain, code: code, message: message)
        } else {
            self = .client(domain: domain, code: code, message: message)
        }
    }

    /// Worth one retry on a fresh connection: the connection broke (e.g. the server restarted),
    /// not a server selection timeout, which already waited its full time.
    /// Whether the connection that answered this can no longer be trusted: a broken stream,
    /// or a failed server selection. libmongoc's single-threaded client puts a server it could
    /// not reach in a five-second cooldown, so a client kept after the server went away would
    /// go on failing for up to five seconds after it came back; a new one connects at once.
    var isUnusableConnection: Bool {
        if case .connection = self { return true }
        return false
    }

    var isBrokenConnection: Bool {
        if case .connection(let domain, _, _) = self {
            return domain == UInt32(MONGOC_ERROR_STREAM.rawValue)
        }
        return false
    }
}

extension MongoError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .duplicateKey(let message): "duplicate key: \(message)"
        case .server(let domain, let code, let message): "server error \(code) (domain \(domain)): \(message)"
        case .connection(let domain, let code, let message): "connection error \(code) (domain \(domain)): \(message)"
        case .client(let domain, let code, let message): "client error \(code) (domain \(domain)): \(message)"
        case .timeout(let operation, let after): "\(operation) timed out after \(after)"
        case .poolExhausted(let waited, let statistics):
            "all \(statistics.maximumConnections) MongoDB connections stayed busy for \(waited.secondsDescription) "
                + "(\(statistics)); raise the pool size or find the slow calls"
        case .invalidURL(let message): "invalid MongoDB URL: \(message)"
        case .invalidDocument(let message): "invalid document: \(message)"
        case .invalidBSON(let message): "invalid BSON: \(message)"
        case .shutDown: "the MongoDB pool is shut down"
        }
    }
}
