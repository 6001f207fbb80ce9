import CMongoC
import NIOPosix
import Synchronization

/// A server-side cursor over `find` results, read batch by batch.
///
/// Iterate documents (`for try await document in cursor`) or batches (`nextBatch()`). The cursor
/// keeps one pooled connection from `open` until it is exhausted or dropped; each step runs on
/// the pool's threads, one at a time. Dropping it early kills the server cursor.
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
        try await pool.permits.acquire(timeout: pool.configuration.acquireTimeout)
        let state = CursorState(pool: pool)
        let (databaseName, name, filterDocument, optionsDocument) =
            (collection.databaseName, collection.name, filter.document, options.document(maxTime: nil))
        try await state.step("find", timeout: timeout) { handles in
            let filter = try filterDocument.makeBSON()
            let opts = try optionsDocument.makeBSON()
            handles.client = mongoc_client_pool_pop(handles.pool.pointer)!
            handles.collection = mongoc_client_get_collection(handles.client, databaseName, name)!
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

/// The libmongoc handles of one cursor: a popped client, a collection and a cursor.
///
/// They are reached only inside `step`, on a pool thread, under the mutex: one thread at a time,
/// as libmongoc requires of a `mongoc_client_t` and everything made from it.
final class CursorState: Sendable {
    struct Handles {
        let pool: PoolHandle
        let permits: Permits
        var client: OpaquePointer?
        var collection: OpaquePointer?
        var cursor: OpaquePointer?
        /// The permit taken by `MongoCursor.open`, held until `close`.
        var holdsPermit = true

        /// Destroys the cursor (killCursors if still open) and returns the client and the permit.
        mutating func close() {
            if let cursor { mongoc_cursor_destroy(cursor) }
            if let collection { mongoc_collection_destroy(collection) }
            if let client { mongoc_client_pool_push(pool.pointer, client) }
            if holdsPermit { permits.release() }
            (cursor, collection, client, holdsPermit) = (nil, nil, nil, false)
        }
    }

    /// Moves handles to the thread that closes them after the cursor is dropped.
    private struct Leftover: @unchecked Sendable {
        var handles: Handles
    }

    private let handles: Mutex<Handles>
    private let threadPool: NIOThreadPool

    init(pool: MongoPool) {
        threadPool = pool.threadPool
        handles = Mutex(Handles(pool: pool.handle, permits: pool.permits))
    }

    deinit {
        // Dropped before its end: close on a pool thread, since killCursors is a round trip.
        let leftover = handles.withLock { handles in
            defer { handles.holdsPermit = false; (handles.client, handles.collection, handles.cursor) = (nil, nil, nil) }
            return Leftover(handles: handles)
        }
        guard leftover.handles.holdsPermit else { return }
        threadPool.submit { _ in
            var leftover = leftover
            leftover.handles.close()
        }
    }

    /// Runs `body` on a pool thread with the handles; a failure closes the cursor.
    func step<T: Sendable>(_ operation: String, timeout: Duration, _ body: @escaping @Sendable (inout Handles) throws -> T) async throws -> T {
        let deadline = Deadline<T>()
        return try await withCheckedThrowingContinuation { continuation in
            deadline.start(continuation, after: timeout, error: .timeout(operation: operation, after: timeout))
            threadPool.submit { [self] _ in
                let result = Result {
                    try self.handles.withLock { handles in
                        do {
                            return try body(&handles)
                        } catch {
                            handles.close()
                            throw error
                        }
                    }
                }
                deadline.finish(result)
            }
        }
    }
}
