import Foundation
import StoreSupport

/// Where the server is and how long things may take.
public struct RedisConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int
    public var pool: ConnectionPoolConfiguration
    public var connectTimeout: Duration
    /// The default deadline of one call (a command or a pipeline).
    public var callTimeout: Duration
    /// Larger arguments fail before being sent (Redis's own limit is 512 MB).
    public var maximumValueBytes: Int

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
        database: Int = 0, pool: ConnectionPoolConfiguration = ConnectionPoolConfiguration(),
        connectTimeout: Duration = .seconds(2), callTimeout: Duration = .seconds(2),
        maximumValueBytes: Int = 512 << 20
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.pool = pool
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.maximumValueBytes = maximumValueBytes
    }

    /// `redis://[[user]:password@]host[:port][/database]`.
    public init(url: String) throws(RedisError) {
        guard let components = URLComponents(string: url), components.scheme == "redis",
            let host = components.host, !host.isEmpty
        else {
            throw .invalidConfiguration("expected redis://[[user]:password@]host[:port][/database]")
        }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard path.isEmpty || Int(path) != nil else {
            throw .invalidConfiguration("the database in the URL path must be a number")
        }
        self.init(
            host: host, port: components.port ?? 6379,
            username: components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding },
            password: components.password?.removingPercentEncoding, database: Int(path) ?? 0)
    }

    /// The configuration for `REDIS_URL`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(RedisError) -> RedisConfiguration {
        guard let url = environment["REDIS_URL"], !url.isEmpty else {
            throw .invalidConfiguration("REDIS_URL is not set")
        }
        return try RedisConfiguration(url: url)
    }
}
