import StoreSupport

/// One reply of the Redis protocol (RESP2), copied out of hiredis's reply object.
public enum RedisReply: Sendable, Hashable {
    case status(String)
    /// The server refused the command: `ERR …`, `WRONGTYPE …`.
    case error(String)
    case integer(Int64)
    case bulk([UInt8])
    /// The nil bulk string or nil array.
    case null
    case array([RedisReply])

    /// A bulk reply as text; nil for `null`, throws for invalid UTF-8 or another kind of reply.
    func string(for command: String) throws(RedisError) -> String? {
        switch self {
        case .null: return nil
        case .bulk(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8(command: command) }
            return text
        case .status(let text): return text
        default: throw .unexpectedReply(command: command, reply: kind)
        }
    }

    func bytes(for command: String) throws(RedisError) -> [UInt8]? {
        switch self {
        case .null: return nil
        case .bulk(let bytes): return bytes
        default: throw .unexpectedReply(command: command, reply: kind)
        }
    }

    func integer(for command: String) throws(RedisError) -> Int64 {
        guard case .integer(let value) = self else { throw .unexpectedReply(command: command, reply: kind) }
        return value
    }

    /// The reply's kind only, never its content (which may be data): for error messages.
    var kind: String {
        switch self {
        case .status: "a status"
        case .error: "an error"
        case .integer: "an integer"
        case .bulk: "a bulk string"
        case .null: "nil"
        case .array(let elements): "an array of \(elements.count)"
        }
    }
}

/// Every way a Redis call fails.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be opened.
    case connectionFailed(message: String)
    /// The connection broke during the call; the command may or may not have run.
    case connectionLost(message: String)
    /// The call passed its deadline; its connection is dropped (its reply may still come).
    case timeout(after: Duration)
    /// The server refused the command (`ERR …`, `WRONGTYPE …`, `NOAUTH …`).
    case server(command: String, message: String)
    /// A reply of another kind than the command promises.
    case unexpectedReply(command: String, reply: String)
    /// A value read as text is not valid UTF-8; read it as bytes instead.
    case invalidUTF8(command: String)
    /// An argument is larger than `RedisConfiguration.maximumValueBytes`.
    case valueTooLarge(bytes: Int, limit: Int)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .connectionFailed(let message): "could not connect to Redis: \(message)"
        case .connectionLost(let message): "the Redis connection broke: \(message)"
        case .timeout(let after): "the Redis call exceeded its \(after.secondsDescription) timeout"
        case .server(let command, let message): "Redis refused \(command): \(message)"
        case .unexpectedReply(let command, let reply): "Redis answered \(command) with \(reply)"
        case .invalidUTF8(let command): "the value read by \(command) is not valid UTF-8; read it as bytes"
        case .valueTooLarge(let bytes, let limit): "a \(bytes)-byte value exceeds the \(limit)-byte limit"
        case .invalidConfiguration(let reason): "invalid Redis configuration: \(reason)"
        }
    }
}
