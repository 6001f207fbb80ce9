import CMongoC

/// The result of `insertMany`.
public struct InsertManyResult: Sendable, Hashable {
    /// The `_id` of every document, in the order given (generated ObjectIds included).
    public let insertedIds: [BSONValue]
}

/// The result of `updateOne`/`updateMany`.
public struct UpdateResult: Sendable, Hashable {
    public let matchedCount: Int
    public let modifiedCount: Int
    /// The `_id` of the document an upsert inserted.
    public let upsertedId: BSONValue?
}

/// One collection: typed CRUD, aggregation, counting and indexes. Cheap to create.
///
/// Reads and idempotent writes are retried once when the connection broke (see
/// `MongoPool.run`); `$inc`/`$push` updates are not, since applying them twice is not the same.
public struct MongoCollection: Sendable {
    public let database: MongoDatabase
    public let name: String

    var pool: MongoPool { database.pool }
    var databaseName: String { database.name }

    // MARK: - Reads

    /// Every matching document, read to the end of the cursor.
    public func find(_ filter: Filter = .all, options: FindOptions = FindOptions(), timeout: Duration? = nil) async throws -> [BSONDocument] {
        let (databaseName, name) = (databaseName, name)
        let timeout = timeout ?? pool.configuration.operationTimeout
        return try await pool.run("find", timeout: timeout, retryable: true) { client in
            let filter = try filter.document.makeBSON()
            let opts = try options.document(maxTime: timeout).makeBSON()
            return try client.withCollection(databaseName, name) { collection in
                let cursor = mongoc_collection_find_with_opts(collection, filter.constPointer, opts.constPointer, nil)!
                defer { mongoc_cursor_destroy(cursor) }
                return try drain(cursor).documents
            }
        }
    }

    /// The first matching document (in `sort` order, if given), or nil.
    public func findOne(_ filter: Filter = .all, projection: Projection? = nil, sort: Sort? = nil, timeout: Duration? = nil) async throws -> BSONDocument? {
        try await find(filter, options: FindOptions(projection: projection, sort: sort, limit: 1), timeout: timeout).first
    }

    /// A server-side cursor read in batches of `options.batchSize` documents (default 101),
    /// one round trip per batch. It holds one pooled connection until it is read to the end
    /// or dropped.
    public func cursor(_ filter: Filter = .all, options: FindOptions = FindOptions(), timeout: Duration? = nil) async throws -> MongoCursor {
        try await MongoCursor.open(collection: self, filter: filter, options: options, timeout: timeout)
    }

    /// The number of matching documents (an aggregation, like mongoc_collection_count_documents).
    public func count(_ filter: Filter = .all, timeout: Duration? = nil) async throws -> Int {
        let (databaseName, name) = (databaseName, name)
        let timeout = timeout ?? pool.configuration.operationTimeout
        return try await pool.run("count", timeout: timeout, retryable: true) { client in
            let filter = try filter.document.makeBSON()
            let opts = try (["maxTimeMS": .int64(timeout.milliseconds)] as BSONDocument).makeBSON()
            return try client.withCollection(databaseName, name) { collection in
                var error = bson_error_t()
                let count = mongoc_collection_count_documents(collection, filter.constPointer, opts.constPointer, nil, nil, &error)
                guard count >= 0 else { throw MongoError(error) }
                return Int(count)
            }
        }
    }

    /// Runs an aggregation pipeline and returns every result document.
    public func aggregate(_ pipeline: [Stage], timeout: Duration? = nil) async throws -> [BSONDocument] {
        let (databaseName, name) = (databaseName, name)
        let timeout = timeout ?? pool.configuration.operationTimeout
        return try await pool.run("aggregate", timeout: timeout, retryable: true) { client in
            let stages = try (["pipeline": .array(pipeline.map { .document($0.document) })] as BSONDocument).makeBSON()
            let opts = try (["maxTimeMS": .int64(timeout.milliseconds)] as BSONDocument).makeBSON()
            return try client.withCollection(databaseName, name) { collection in
                let cursor = mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, stages.constPointer, opts.constPointer, nil)!
                defer { mongoc_cursor_destroy(cursor) }
                return try drain(cursor).documents
            }
        }
    }

    // MARK: - Writes

    /// Inserts one document and returns its `_id` (an ObjectId is generated when it has none).
    ///
    /// Retried once on a broken connection: the `_id` is fixed before sending, so if the first
    /// attempt did land, the retry's duplicate `_id` proves it and counts as success.
    @discardableResult
    public func insertOne(_ document: BSONDocument, timeout: Duration? = nil) async throws -> BSONValue {
        var document = document
        let id = document["_id"] ?? .objectId(ObjectId())
        if document["_id"] == nil { document.prepend("_id", id) }
        let (databaseName, name, toInsert) = (databaseName, name, document)
        let insert: @Sendable (MongoConnection) throws -> Void = { client in
            let bson = try toInsert.makeBSON()
            _ = try client.withCollection(databaseName, name) { collection in
                try withReply { reply, error in
                    mongoc_collection_insert_one(collection, bson.constPointer, nil, reply, &error)
                }
            }
        }
        do {
            try await pool.run("insert", timeout: timeout, retryable: false, insert)
        } catch let error as MongoError where error.isBrokenConnection {
            do {
                try await pool.run("insert", timeout: timeout, retryable: false, insert)
            } catch MongoError.duplicateKey(let message) where message.contains("index: _id_ ") {
                // The first attempt was applied before the connection broke.
            }
        }
        return id
    }

    /// Inserts documents in one batch (in order; stops at the first failure). Not retried.
    @discardableResult
    public func insertMany(_ documents: [BSONDocument], timeout: Duration? = nil) async throws -> InsertManyResult {
        var prepared = documents
        var ids: [BSONValue] = []
        ids.reserveCapacity(documents.count)
        for index in prepared.indices {
            let id = prepared[index]["_id"] ?? .objectId(ObjectId())
            if prepared[index]["_id"] == nil { prepared[index].prepend("_id", id) }
            ids.append(id)
        }
        guard !prepared.isEmpty else { return InsertManyResult(insertedIds: []) }
        let (databaseName, name, toInsert) = (databaseName, name, prepared)
        try await pool.run("insert", timeout: timeout, retryable: false) { client in
            let owned = try toInsert.map { try $0.makeBSON() }
            var pointers: [OpaquePointer?] = owned.map(\.constPointer)
            _ = try client.withCollection(databaseName, name) { collection in
                try withReply { reply, error in
                    mongoc_collection_insert_many(collection, &pointers, pointers.count, nil, reply, &error)
                }
            }
            withExtendedLifetime(owned) {}
        }
        return InsertManyResult(insertedIds: ids)
    }

    /// Updates the first matching document. With `upsert`, inserts one when none matches.
    @discardableResult
    public func updateOne(_ filter: Filter, _ update: Update, upsert: Bool = false, timeout: Duration? = nil) async throws -> UpdateResult {
        try await runUpdate(filter, update, upsert: upsert, many: false, timeout: timeout)
    }

    /// Updates every matching document.
    @discardableResult
    public func updateMany(_ filter: Filter, _ update: Update, upsert: Bool = false, timeout: Duration? = nil) async throws -> UpdateResult {
        try await runUpdate(filter, update, upsert: upsert, many: true, timeout: timeout)
    }

    private func runUpdate(_ filter: Filter, _ update: Update, upsert: Bool, many: Bool, timeout: Duration?) async throws -> UpdateResult {
        let (databaseName, name) = (databaseName, name)
        let updateDocument = try update.document()
        let reply = try await pool.run(many ? "updateMany" : "updateOne", timeout: timeout, retryable: update.isIdempotent) { client in
            let selector = try filter.document.makeBSON()
            let change = try updateDocument.makeBSON()
            let opts = try (["upsert": .bool(upsert)] as BSONDocument).makeBSON()
            return try client.withCollection(databaseName, name) { collection in
                try withReply { reply, error in
                    many
                        ? mongoc_collection_update_many(collection, selector.constPointer, change.constPointer, opts.constPointer, reply, &error)
                        : mongoc_collection_update_one(collection, selector.constPointer, change.constPointer, opts.constPointer, reply, &error)
                }
            }
        }
        return UpdateResult(
            matchedCount: reply["matchedCount"]?.intValue ?? 0,
            modifiedCount: reply["modifiedCount"]?.intValue ?? 0,
            upsertedId: reply["upsertedId"]
        )
    }

    /// Deletes the first matching document; returns how many were deleted (0 or 1).
    @discardableResult
    public func deleteOne(_ filter: Filter, timeout: Duration? = nil) async throws -> Int {
        try await runDelete(filter, many: false, timeout: timeout)
    }

    /// Deletes every matching document; returns how many. `.all` empties the collection.
    @discardableResult
    public func deleteMany(_ filter: Filter, timeout: Duration? = nil) async throws -> Int {
        try await runDelete(filter, many: true, timeout: timeout)
    }

    private func runDelete(_ filter: Filter, many: Bool, timeout: Duration?) async throws -> Int {
        let (databaseName, name) = (databaseName, name)
        // deleteOne is not retried: a second run would delete another matching document.
        let reply = try await pool.run("delete", timeout: timeout, retryable: many) { client in
            let selector = try filter.document.makeBSON()
            return try client.withCollection(databaseName, name) { collection in
                try withReply { reply, error in
                    many
                        ? mongoc_collection_delete_many(collection, selector.constPointer, nil, reply, &error)
                        : mongoc_collection_delete_one(collection, selector.constPointer, nil, reply, &error)
                }
            }
        }
        return reply["deletedCount"]?.intValue ?? 0
    }

    // MARK: - Indexes and the collection itself

    /// Creates indexes (existing identical ones are left alone); returns their names.
    @discardableResult
    public func createIndexes(_ indexes: [IndexModel], timeout: Duration? = nil) async throws -> [String] {
        _ = try await database.runCommandRetryable([
            "createIndexes": .string(name),
            "indexes": .array(indexes.map { .document($0.document) }),
        ], timeout: timeout)
        return indexes.map(\.name)
    }

    /// The collection's indexes as the server describes them (`key`, `name`, `unique`, …).
    public func listIndexes(timeout: Duration? = nil) async throws -> [BSONDocument] {
        let reply = try await database.runCommandRetryable(["listIndexes": .string(name)], timeout: timeout)
        return (reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue ?? []).compactMap(\.documentValue)
    }

    /// Drops the collection; dropping one that does not exist is not an error.
    public func drop(timeout: Duration? = nil) async throws {
        do {
            _ = try await database.runCommandRetryable(["drop": .string(name)], timeout: timeout)
        } catch MongoError.server(_, 26, _) {
            // NamespaceNotFound: already gone.
        }
    }
}

extension MongoDatabase {
    func runCommandRetryable(_ command: BSONDocument, timeout: Duration?) async throws -> BSONDocument {
        let name = name
        return try await pool.run(command.keys.first ?? "command", timeout: timeout, retryable: true) { client in
            try client.command(name, command)
        }
    }
}

extension Update {
    /// True when applying the update twice leaves the same document as applying it once.
    var isIdempotent: Bool {
        operations.allSatisfy { operation in
            switch operation {
            case .set, .setOnInsert, .unset, .addToSet, .pull: true
            case .inc, .push: false
            }
        }
    }
}
