import Synchronization

/// The async front of `PermitStateMachine`: acquire with a timeout, release, shut down.
final class Permits: Sendable {
    private typealias Waiter = CheckedContinuation<Void, any Error>

    private struct State {
        var machine: PermitStateMachine<Waiter>
        var nextID = 0
        /// Acquires that started and are not yet granted or failed.
        var unresolved: Set<Int> = []
        /// Timeouts or cancellations that arrived before their waiter was queued.
        var abandonedEarly: [Int: any Error] = [:]
    }

    private let state: Mutex<State>
    let size: Int

    init(size: Int) {
        self.size = size
        state = Mutex(State(machine: PermitStateMachine(size: size)))
    }

    /// Waits up to `timeout` for a permit; throws `poolExhausted` after that, or
    /// `CancellationError` when the task is cancelled while waiting.
    func acquire(timeout: Duration) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            state.unresolved.insert(state.nextID)
            return state.nextID
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            abandon(id: id, with: MongoError.poolExhausted(poolSize: size, waited: timeout))
        }
        defer { timer.cancel() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                let outcome: Result<Bool, any Error> = state.withLock { state in
                    if let error = state.abandonedEarly.removeValue(forKey: id) {
                        state.unresolved.remove(id)
                        return .failure(error)
                    }
                    switch state.machine.acquire(id: id, waiter: continuation) {
                    case .granted:
                        state.unresolved.remove(id)
                        return .success(true)
                    case .wait:
                        return .success(false)
                    case .fail(let error):
                        state.unresolved.remove(id)
                        return .failure(error)
                    }
                }
                switch outcome {
                case .success(true): continuation.resume()
                case .success(false): break  // release(), abandon() or shutDown() resumes it
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            abandon(id: id, with: CancellationError())
        }
    }

    private func abandon(id: Int, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard state.unresolved.contains(id) else { return nil }  // already granted or failed
            if case .fail(let waiter) = state.machine.abandon(id: id) {
                state.unresolved.remove(id)
                return waiter
            }
            state.abandonedEarly[id] = error  // not queued yet: fail it when it arrives
            return nil
        }
        waiter?.resume(throwing: error)
    }

    func release() {
        let action = state.withLock { state in
            let action = state.machine.release()
            if case .resume(let id, _) = action { state.unresolved.remove(id) }
            return action
        }
        if case .resume(_, let waiter) = action {
            waiter.resume()
        }
    }

    func shutDown() {
        let waiters = state.withLock { $0.machine.shutDown() }
        for waiter in waiters { waiter.resume(throwing: MongoError.shutDown) }
    }

    var inUse: Int { state.withLock { $0.machine.inUse } }
}
