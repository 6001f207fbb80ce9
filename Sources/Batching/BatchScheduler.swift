import Synchronization

/// Decides when the loaders of one request send their batches.
///
/// Scheduling, on purpose: a batch is sent when the request is *quiescent* — every piece of
/// work that could still ask for keys has either finished or is waiting on a loader. The
/// executor does its synchronous work (resolving a whole level of fields, each of which
/// registers the keys it needs), then calls `dispatch()`. Asynchronous work started through
/// `run(_:)` counts as active until it finishes or parks in `DataLoader.value(for:)`.
/// Only when nothing is active does the scheduler send every loader's queued keys, one batch
/// per loader, concurrently; it repeats while the answers (or resumed tasks) queue more keys.
///
/// This makes the number of batches depend only on the shape of the query, never on timing:
/// a query with N levels that touch a loader sends it at most N batches, however large the
/// lists. A timer-based scheduler (the reference dataloader's next-tick default) cannot
/// promise that, and a time window would add latency to every request.
///
/// One scheduler serves one request; it is not shared between requests.
public final class BatchScheduler: Sendable {
    private struct State {
        /// Tasks started by `run(_:)` that are running (not parked on a loader).
        var active = 0
        /// Loaders with keys waiting for the next batch, in the order they first queued one.
        var queued: [any BatchDispatching] = []
        var queuedIDs: Set<ObjectIdentifier> = []
        /// Who waits for `active` to reach zero.
        var quiescenceWaiters: [CheckedContinuation<Void, Never>] = []
        /// Batches sent so far, across all loaders (for traces and tests).
        var batchCount = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The number of batches sent so far, across every loader of this scheduler.
    public var batchCount: Int { state.withLock { $0.batchCount } }

    // MARK: - Asynchronous work

    /// Starts asynchronous work that may load through this scheduler's loaders; its result
    /// arrives as a pending value, resolved by the time a `dispatch()` returns.
    public func run<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        state.withLock { $0.active += 1 }
        Task {
            let result: Result<Value, any Error>
            do {
                result = .success(try await operation())
            } catch {
                result = .failure(error)
            }
            pending.resolve(result)
            self.becameInactive()
        }
        return pending
    }

    /// A task parked on a loader: it no longer counts as active.
    func becameInactive() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.active -= 1
            guard state.active == 0 else { return [] }
            defer { state.quiescenceWaiters = [] }
            return state.quiescenceWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Parked tasks about to resume count as active again, before any of them runs.
    func willResume(_ count: Int) {
        guard count > 0 else { return }
        state.withLock { $0.active += count }
    }

    // MARK: - Dispatch

    /// A loader has keys for the next batch.
    @usableFromInline func enqueue(_ loader: any BatchDispatching) {
        state.withLock { state in
            let id = ObjectIdentifier(loader)
            if state.queuedIDs.insert(id).inserted { state.queued.append(loader) }
        }
    }

    /// Sends batches until the request is quiescent with nothing queued: then every pending
    /// value handed out so far, and every task started by `run(_:)`, has its answer.
    public func dispatch() async {
        while true {
            await waitUntilQuiescent()
            let loaders = state.withLock { state -> [any BatchDispatching] in
                defer {
                    state.queued = []
                    state.queuedIDs = []
                }
                state.batchCount += state.queued.count
                return state.queued
            }
            if loaders.isEmpty {
                // Nothing queued: finished, unless a resolved callback started new work.
                if state.withLock({ $0.active == 0 && $0.queued.isEmpty }) { return }
                continue
            }
            if loaders.count == 1 {
                await loaders[0].dispatchBatch()
            } else {
                await withTaskGroup(of: Void.self) { group in
                    for loader in loaders {
                        group.addTask { await loader.dispatchBatch() }
                    }
                }
            }
        }
    }

    private func waitUntilQuiescent() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.active == 0 { return true }
                state.quiescenceWaiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// A loader as the scheduler sees it: something that can send its queued keys as one batch.
@usableFromInline protocol BatchDispatching: AnyObject, Sendable {
    func dispatchBatch() async
}
