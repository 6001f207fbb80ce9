import Foundation
import PostgresClient
import StoreSupport
import Testing

/// The server the tests use: `DATABASE_URL`, set by `scripts/test` (or by
/// `scripts/stack start` and `.chorus/stack.env`). Missing, it fails the test: never a skip.
func databaseURL() throws -> String {
    guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
        Issue.record("DATABASE_URL is not set: run scripts/test, or scripts/stack start and then `set -a; source .chorus/stack.env; set +a`")
        throw MissingServer()
    }
    return url
}

struct MissingServer: Error {}

/// Created once, on first use (a global's lazy initialization is thread-safe).
private let shared: PostgresClient? = ProcessInfo.processInfo.environment["DATABASE_URL"].map { url in
    PostgresClient(configuration: PostgresConfiguration(
        url: url, pool: ConnectionPoolConfiguration(maximumConnections: 8), callTimeout: .seconds(20)))
}

/// One client for the tests that need nothing special: dozens of parallel tests each with a
/// pool of their own would pass the server's `max_connections`.
func sharedClient() throws -> PostgresClient {
    _ = try databaseURL()
    return shared!
}

func makeClient(
    url: String? = nil, maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(5),
    callTimeout: Duration = .seconds(10), maximumParameterBytes: Int = 1 << 30
) throws -> PostgresClient {
    PostgresClient(configuration: PostgresConfiguration(
        url: try url ?? databaseURL(),
        pool: ConnectionPoolConfiguration(maximumConnections: maximumConnections, acquireTimeout: acquireTimeout),
        connectTimeout: .seconds(3), callTimeout: callTimeout, maximumParameterBytes: maximumParameterBytes))
}

/// Runs `body` with a fresh table `scratch_<random>` made from `columns`, dropped afterwards.
func withScratchTable<T>(
    _ client: PostgresClient, _ columns: String, _ body: (String) async throws -> T
) async throws -> T {
    let table = "scratch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
    try await client.execute(unsafeSQL: "CREATE TABLE \(table) (\(columns))")
    do {
        let result = try await body(table)
        try await client.execute(unsafeSQL: "DROP TABLE \(table) CASCADE")
        return result
    } catch {
        try? await client.execute(unsafeSQL: "DROP TABLE \(table) CASCADE")
        throw error
    }
}
