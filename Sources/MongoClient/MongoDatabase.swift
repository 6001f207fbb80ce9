import CMongoC

/// One database of a `MongoPool`. Cheap to create; holds no connection.
public struct MongoDatabase: Sendable {
    public let pool: MongoPool
    public let name: String

    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(database: self, name: name)
    }

    /// Runs a database command built from typed values, e.g. `["ping": .int32(1)]`, and returns
    /// the reply. Not retried: a command may not be idempotent.
    public func runCommand(_ command: BSONDocument, timeout: Duration? = nil) async throws -> BSONDocument {
        let name = name
        let operation = command.keys.first ?? "command"
        return try await pool.run(operation, timeout: timeout, retryable: operation == "ping") { client in
            try client.command(name, command)
        }
    }

    /// Names of the collections in this database, sorted.
    public func collectionNames(timeout: Duration? = nil) async throws -> [String] {
        let reply = try await pool.run("listCollections", timeout: timeout, retryable: true) { [name] client in
            try client.command(name, ["listCollections": .int32(1), "nameOnly": .bool(true)])
        }
        let batch = reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue ?? []
        return batch.compactMap { $0.documentValue?["name"]?.stringValue }.sorted()
    }

    /// Drops the database and everything in it.
    public func drop(timeout: Duration? = nil) async throws {
        _ = try await runCommand(["dropDatabase": .int32(1)], timeout: timeout)
    }
}
