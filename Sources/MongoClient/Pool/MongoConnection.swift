import CMongoC
import StoreSupport
import Synchronization

/// One `mongoc_client_t`: one pooled connection of a `MongoPool`.
///
/// libmongoc: "mongoc_client_t is NOT thread-safe and should only be used from one thread at a
/// time." The pool leases a connection to one call (or one cursor) at a time, and that call
/// reaches it only from its blocking job on the pool's executor. Hence @unchecked Sendable.
final class MongoConnection: PoolableConnection, @unchecked Sendable {
    let pointer: OpaquePointer
    private let closed = Atomic<Bool>(false)
    private let broken = Atomic<Bool>(false)

    /// A client of its own for `uri`, with error API version 2. Creating it does no I/O:
    /// libmongoc connects on first use.
    init(uri: OpaquePointer) throws(MongoError) {
        var error = bson_error_t()
        guard let client = mongoc_client_new_from_uri_with_error(uri, &error) else {
            throw .invalidURL(MongoError(error).description)
        }
        mongoc_client_set_error_api(client, Int32(MONGOC_ERROR_API_VERSION_2))
        pointer = client
    }

    deinit { close() }

    /// False once a call on it failed with a broken stream: the pool then drops it, and a
    /// retry gets another connection.
    var isReusable: Bool { !broken.load(ordering: .acquiring) && !closed.load(ordering: .acquiring) }

    func markBroken() { broken.store(true, ordering: .releasing) }

    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        mongoc_client_destroy(pointer)
    }

    /// Runs `body` with a collection handle, destroyed afterwards (handles are per client).
    func withCollection<R>(_ database: String, _ name: String, _ body: (OpaquePointer) throws -> R) rethrows -> R {
        let collection = mongoc_client_get_collection(pointer, database, name)!
        defer { mongoc_collection_destroy(collection) }
        return try body(collection)
    }

    /// Runs a command and returns its reply; a reply with `ok: 0` throws.
    func command(_ database: String, _ command: BSONDocument) throws -> BSONDocument {
        let command = try command.makeBSON()
        return try withReply { reply, error in
            mongoc_client_command_simple(pointer, database, command.constPointer, nil, reply, &error)
        }
    }
}

/// Calls a libmongoc function that fills a reply and a `bson_error_t`, and copies the reply out.
///
/// libmongoc always initialises the reply (also on failure), and it must always be destroyed.
func withReply(_ call: (OpaquePointer, inout bson_error_t) -> Bool) throws -> BSONDocument {
    // Storage for a bson_t: libbson asserts sizeof (bson_t) == 128, and declares it 128-aligned.
    let storage = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
    let reply = OpaquePointer(storage)
    bson_init(reply)
    defer {
        bson_destroy(reply)
        storage.deallocate()
    }
    var error = bson_error_t()
    guard call(reply, &error) else {
        throw MongoError(error)
    }
    return try BSONDocument(bson: reply)
}

/// Iterates a `mongoc_cursor_t` to its end (or `limit` documents), then reports its error, if any.
func drain(_ cursor: OpaquePointer, limit: Int = .max) throws -> (documents: [BSONDocument], exhausted: Bool) {
    var documents: [BSONDocument] = []
    var document: OpaquePointer?
    while documents.count < limit, mongoc_cursor_next(cursor, &document) {
        documents.append(try BSONDocument(bson: document!))
    }
    var error = bson_error_t()
    if mongoc_cursor_error(cursor, &error) {
        throw MongoError(error)
    }
    return (documents, documents.count < limit || !mongoc_cursor_more(cursor))
}
