import PostgresClient

/// Applies migrations in version order and records them in `schema_migrations`.
///
/// Each migration runs in its own transaction together with its `schema_migrations` row, under
/// a transaction-scoped advisory lock, so gateways starting together apply each migration
/// exactly once and a failed migration leaves no trace.
public struct PostgresMigrator: Sendable {
    public let client: PostgresClient
    public let migrations: [Migration]

    public init(client: PostgresClient, migrations: [Migration] = ChorusSchema.migrations) {
        precondition(Set(migrations.map(\.version)).count == migrations.count, "migration versions must be unique")
        self.client = client
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies what is missing; returns the versions applied by this call.
    @discardableResult
    public func migrate(timeout: Duration = .seconds(120)) async throws -> [Int] {
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await client.withTransaction(timeout: timeout) { transaction in
                // Lock first: even CREATE TABLE IF NOT EXISTS races with itself.
                try await transaction.execute("SELECT pg_advisory_xact_lock($1)", [.int64(Self.lockKey)])
                try await transaction.execute(unsafeSQL: Self.bookkeeping)
                let rows = try await transaction.query(
                    "SELECT checksum FROM schema_migrations WHERE version = $1", [.int64(Int64(migration.version))])
                if let row = rows.first {
                    guard try row.decode(Int64.self, "checksum") == migration.checksum else {
                        throw MigrationError.changedAfterApplying(version: migration.version, name: migration.name)
                    }
                    return false
                }
                try await transaction.execute(unsafeSQL: migration.sql)
                try await transaction.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [.int64(Int64(migration.version)), .text(migration.name), .int64(migration.checksum)])
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }

    /// Versions recorded in `schema_migrations`, ascending.
    public func appliedVersions() async throws -> [Int] {
        let exists = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL")[0]
        guard try exists.decode(Bool.self, at: 0) else { return [] }
        return try await client.query("SELECT version FROM schema_migrations ORDER BY version")
            .map { try $0.decode(Int.self, "version") }
    }

    static let lockKey: Int64 = 0x6368_6f72_7573  // "chorus"

    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text NOT NULL,
            checksum   bigint NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
}

public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case changedAfterApplying(version: Int, name: String)

    public var description: String {
        switch self {
        case .changedAfterApplying(let version, let name):
            "migration \(version) (\(name)) was edited after it was applied; add a new migration instead"
        }
    }
}
