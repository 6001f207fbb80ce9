import Foundation
import StoreSupport

/// Where the server is and how long things may take.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection URI, `postgresql://user@host:port/database?…`.
    public var url: String
    public var pool: ConnectionPoolConfiguration
    public var connectTimeout: Duration
    /// The default deadline of one call (a statement, a COPY, a whole transaction).
    public var callTimeout: Duration
    /// How long a timed-out statement's cancellation may take before the connection is dropped.
    public var cancelGracePeriod: Duration
    /// Larger parameters fail before being sent (PostgreSQL's own limit per value is 1 GB).
    public var maximumParameterBytes: Int
    /// Prepared statements kept per connection.
    public var statementCacheCapacity: Int

    public init(
        url: String, pool: ConnectionPoolConfiguration = ConnectionPoolConfiguration(),
        connectTimeout: Duration = .seconds(5), callTimeout: Duration = .seconds(30),
        cancelGracePeriod: Duration = .seconds(2), maximumParameterBytes: Int = 1 << 30,
        statementCacheCapacity: Int = 256
    ) {
        self.url = url
        self.pool = pool
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.cancelGracePeriod = cancelGracePeriod
        self.maximumParameterBytes = maximumParameterBytes
        self.statementCacheCapacity = statementCacheCapacity
    }

    /// The configuration for `DATABASE_URL`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresError) -> PostgresConfiguration {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw .invalidConfiguration("DATABASE_URL is not set")
        }
        return PostgresConfiguration(url: url)
    }

    var limits: PostgresConnection.Limits {
        .init(maximumParameterBytes: maximumParameterBytes, statementCacheCapacity: statementCacheCapacity,
              cancelGracePeriod: cancelGracePeriod)
    }
}
