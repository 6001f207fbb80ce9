import CMongoC
import StoreSupport
import Synchronization

/// A server-side cursor over `find` results, read batch by batch.
///
/// Iterate documents (`for try await document in cursor`) or batches (`nextBatch()`). The cursor
/// keeps one pooled connection from `open` until it is exhausted or dropped; each step runs on
/// the pool's executor, one at a time, and answers within the cursor's timeout (a step past it
/// goes on to its end, and the next step waits for it). Dropping it early kills the server
/// cursor.
public struct MongoCursor: AsyncSequence, Sendable {
    public typealias Element = BSONDocument

    let state: CursorState
    let batchSize: Int
    let timeout: Duration

    static func open(collection: MongoCollection, filter: Filter, options: FindOptions, timeout: Duration?) async throws -> MongoCursor {
        let pool = collection.pool
        let timeout = timeout ?? pool.configuration.operationTimeout
        let batchSize = options.batchSize ?? 101
        var options = options
        options.batchSize = batchSize
        let connection = try await pool.lease(until: .after(timeout), callTimeout: timeout)
        let state = CursorState(pool: pool, connection: connection)
        let (databaseName, name, filterDocument, optionsDocument) =
            (collection.databaseName, collection.name, filter.document, options.document(maxTime: nil))
        try await state.step("find", timeout: timeout) { handles in
            let filter = try filterDocument.makeBSON()
            let opts = try optionsDocument.makeBSON()
            let client = handles.connection!.pointer
            handles.collection = mongoc_client_get_collection(client, databaseName, name)!
            handles.cursor = mongoc_collection_find_with_opts(handles.collection, filter.constPointer, opts.constPointer, nil)!
            return ()
        }
        return MongoCursor(state: state, batchSize: batchSize, timeout: timeout)
    }

    /// The next up to `batchSize` documents; nil once the cursor is exhausted.
    public func nextBatch() async throws -> [BSONDocument]? {
        let batchSize = batchSize
        return try await state.step("getMore", timeout: timeout) { handles -> [BSONDocument]? in
            guard let cursor = handles.cursor else { return nil }
            let (documents, exhausted) = try drain(cursor, limit: batchSize)
            if exhausted { handles.close() }
            return documents.isEmpty && exhausted ? nil : documents
        }
    }

    public func makeAsyncIterator() -> Iterator { Iterator(cursor: self) }

    public struct Iterator: AsyncIteratorProtocol {
        let cursor: MongoCursor
        var buffer: [BSONDocument] = []
        var position = 0

        public mutating func next() async throws -> BSONDocument? {
            while position == buffer.count {
                guard let batch = try await cursor.nextBatch() else { return nil }
                buffer = batch
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}

/// The libmongoc handles of one cursor: a leased connection, a collection and a cursor.
///
/// They are reached only inside `step`, on an executor thread, under the mutex: one thread at
/// a time, as libmongoc requires of a `mongoc_client_t` and everything made from it.
final class CursorState: Sendable {
    struct Handles {
        let pool: ConnectionPool<MongoConnection>
        /// Leased by `MongoCursor.open`, held until `close`.
        var connection: MongoConnection?
        var collection: OpaquePointer?
        var cursor: OpaquePointer?

        /// Destroys the cursor (killCursors if still open) and gives the connection back.
        mutating func close() {
            if let cursor { mongoc_cursor_destroy(cursor) }
            if let collection { mongoc_collection_destroy(collection) }
            if let connection { pool.release(connection) }
            (cursor, collection, connection) = (nil, nil, nil)
        }
    }

    /// Moves handles to the thread that closes them after the cursor is dropped.
    private struct Leftover: @unchecked Sendable {
        var handles: Handles
    }

    private let handles: Mutex<Handles>
    private let executor: BlockingExecutor

    init(pool: MongoPool, connection: MongoConnection) {
        executor = pool.executor
        handles = Mutex(Handles(pool: pool.connections, connection: connection))
    }

    deinit {
        // Dropped before its end: close on an executor thread, since killCursors is a round trip.
        let leftover = handles.withLock { handles in
            defer { (handles.connection, handles.collection, handles.cursor) = (nil, nil, nil) }
            return Leftover(handles: handles)
        }
        guard leftover.handles.connection != nil else { return }
        let executor = executor
        Task {
            _ = try? await executor.run {
                var leftover = leftover
                leftover.handles.close()
            }
        }
    }

    /// Runs `body` on an executor thread with the handles, answering within `timeout`; a
    /// failure closes the cursor (and drops the connection if its stream broke).
    func step<T: Sendable>(_ operation: String, timeout: Duration, _ body: @escaping @Sendable (inout Handles) throws -> T) async throws -> T {
        try await executor.run(
            until: .after(timeout), orThrow: MongoError.timeout(operation: operation, after: timeout), finish: {}
        ) { [self] in
            try handles.withLock { handles in
                do {
                    return try body(&handles)
                } catch {
                    if let error = error as? MongoError, error.isUnusableConnection { handles.connection?.markBroken() }
                    handles.close()
                    throw error
                }
            }
        }
    }
}
