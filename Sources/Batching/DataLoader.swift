import Synchronization

/// Collects the keys a request asks for and fetches them in batches (the DataLoader pattern).
///
/// - Keys asked for before the scheduler's next dispatch go out as one batch, in the order
///   first asked, without duplicates.
/// - A key already loaded, or already queued, is answered from this loader's cache for the
///   rest of the request: the same `Pending` comes back.
/// - A batch that fails as a whole fails each of its keys and is not cached: a later load of
///   those keys tries again.
///
/// The batch function returns a result per key; a key it leaves out fails with
/// `DataLoaderError.missingKey`. Loaders live per request, with that request's scheduler.
///
/// `load` is inlinable, as `Pending` is, so that callers get it specialised for their keys
/// (hashing a gateway read without going through generic metadata at run time).
public final class DataLoader<Key: Hashable & Sendable, Value: Sendable>: BatchDispatching, Sendable {
    public typealias BatchFunction = @Sendable ([Key]) async throws -> [Key: Result<Value, any Error>]

    @usableFromInline struct State {
        @usableFromInline var cache: [Key: Pending<Value>] = [:]
        @usableFromInline var queue: [Key] = []
        @usableFromInline var batches: [[Key]] = []

        @usableFromInline init() {}
    }

    @usableFromInline let scheduler: BatchScheduler
    private let batchFunction: BatchFunction
    @usableFromInline let state = Mutex(State())

    public init(scheduler: BatchScheduler, batch: @escaping BatchFunction) {
        self.scheduler = scheduler
        self.batchFunction = batch
    }

    /// Every batch sent so far, in order: what tests assert (`loader.batches == [[1, 2]]`).
    public var batches: [[Key]] { state.withLock { $0.batches } }

    /// The value for `key`, from the cache or the next batch.
    @inlinable public func load(_ key: Key) -> Pending<Value> {
        let (pending, isNewQueue) = state.withLock { state -> (Pending<Value>, Bool) in
            if let cached = state.cache[key] { return (cached, false) }
            let pending = Pending<Value>()
            state.cache[key] = pending
            state.queue.append(key)
            return (pending, state.queue.count == 1)
        }
        if isNewQueue { scheduler.enqueue(self) }
        return pending
    }

    /// The values for `keys`, in order, as one pending list.
    public func loadMany(_ keys: [Key]) -> Pending<[Value]> {
        let pendings = keys.map(load)
        let combined = Pending<[Value]>()
        guard !pendings.isEmpty else {
            combined.resolve(.success([]))
            return combined
        }
        let remaining = Mutex(pendings.count)
        for pending in pendings {
            pending.whenResolved { _ in
                let done = remaining.withLock { count -> Bool in
                    count -= 1
                    return count == 0
                }
                guard done else { return }
                combined.resolve(Result { try pendings.map { try $0.result!.get() } })
            }
        }
        return combined
    }

    /// The value for `key`, for work started with `BatchScheduler.run(_:)`: the calling task
    /// parks (stops counting as active) until the key's batch is answered.
    public func value(for key: Key) async throws -> Value {
        let pending = load(key)
        if let result = pending.result { return try result.get() }
        let scheduler = self.scheduler
        return try await withCheckedThrowingContinuation { continuation in
            // The callback runs inside the dispatch that answers the key, so the task counts
            // as active again before the scheduler next looks for quiescence.
            pending.whenResolved { result in
                scheduler.willResume(1)
                continuation.resume(with: result)
            }
            scheduler.becameInactive()
        }
    }

    // MARK: - BatchDispatching

    @usableFromInline func dispatchBatch() async {
        let keys = state.withLock { state -> [Key] in
            defer { state.queue = [] }
            if !state.queue.isEmpty { state.batches.append(state.queue) }
            return state.queue
        }
        guard !keys.isEmpty else { return }

        let results: [Key: Result<Value, any Error>]
        let batchError: (any Error)?
        do {
            results = try await batchFunction(keys)
            batchError = nil
        } catch {
            results = [:]
            batchError = error
        }

        let pendings = state.withLock { state -> [(Key, Pending<Value>)] in
            var pendings: [(Key, Pending<Value>)] = []
            for key in keys {
                if let pending = state.cache[key] { pendings.append((key, pending)) }
                if batchError != nil { state.cache[key] = nil }  // a failed batch is not cached
            }
            return pendings
        }
        for (key, pending) in pendings {
            if let batchError {
                pending.resolve(.failure(batchError))
            } else {
                pending.resolve(results[key] ?? .failure(DataLoaderError.missingKey(String(describing: key))))
            }
        }
    }
}

/// Errors a loader reports on its own.
public enum DataLoaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The batch function returned no result for this key.
    case missingKey(String)

    public var description: String {
        switch self {
        case .missingKey(let key): "the batch returned no value for key \(key)"
        }
    }
}
