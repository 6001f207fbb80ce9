/// One command with its arguments, binary-safe: keys and values are never parsed by the client.
public struct RedisCommand: Sendable, Hashable {
    public var arguments: [[UInt8]]

    public init(_ arguments: [[UInt8]]) {
        precondition(!arguments.isEmpty, "a command needs a name")
        self.arguments = arguments
    }

    /// `RedisCommand("SET", "k", "v")`.
    public init(_ name: String, _ arguments: String...) {
        self.init([Array(name.utf8)] + arguments.map { Array($0.utf8) })
    }

    /// The command's name, for error messages (never its arguments, which may be data).
    public var name: String { String(decoding: arguments[0], as: UTF8.self).uppercased() }

    public static func get(_ key: String) -> Self { Self("GET", key) }
    public static func set(
        _ key: String, _ value: [UInt8], expiry: RedisExpiry? = nil, condition: RedisSetCondition = .always
    ) -> Self {
        var arguments: [[UInt8]] = [Array("SET".utf8), Array(key.utf8), value]
        switch expiry {
        case .seconds(let seconds)?: arguments += [Array("EX".utf8), Array(String(seconds).utf8)]
        case .milliseconds(let milliseconds)?: arguments += [Array("PX".utf8), Array(String(milliseconds).utf8)]
        case nil: break
        }
        switch condition {
        case .always: break
        case .ifNotExists: arguments.append(Array("NX".utf8))
        case .ifExists: arguments.append(Array("XX".utf8))
        }
        return Self(arguments)
    }
    public static func set(_ key: String, _ value: String, expiry: RedisExpiry? = nil, condition: RedisSetCondition = .always) -> Self {
        set(key, Array(value.utf8), expiry: expiry, condition: condition)
    }
    public static func del(_ keys: [String]) -> Self { Self([Array("DEL".utf8)] + keys.map { Array($0.utf8) }) }
    public static func incr(_ key: String) -> Self { Self("INCR", key) }
    public static func incrBy(_ key: String, _ amount: Int64) -> Self { Self("INCRBY", key, String(amount)) }
    public static func expire(_ key: String, seconds: Int) -> Self { Self("EXPIRE", key, String(seconds)) }
    public static func ttl(_ key: String) -> Self { Self("TTL", key) }
    public static func publish(_ channel: String, _ message: [UInt8]) -> Self {
        Self([Array("PUBLISH".utf8), Array(channel.utf8), message])
    }
}

/// How long a `SET` value lives.
public enum RedisExpiry: Sendable, Hashable {
    /// `EX`: whole seconds.
    case seconds(Int)
    /// `PX`: milliseconds.
    case milliseconds(Int)
}

/// When a `SET` applies.
public enum RedisSetCondition: Sendable, Hashable {
    case always
    /// `NX`: only when the key does not exist (locks, first-writer-wins).
    case ifNotExists
    /// `XX`: only when the key exists.
    case ifExists
}

/// A key's remaining life, from `TTL`.
public enum RedisTTL: Sendable, Hashable {
    /// The key does not exist.
    case missing
    /// The key exists and never expires.
    case persistent
    case seconds(Int64)
}
