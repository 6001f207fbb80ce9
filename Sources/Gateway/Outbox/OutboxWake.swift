import Synchronization

/// Wakes the outbox worker before its next tick: a mutation that could not apply its event
/// itself signals it, so the event is retried at once rather than up to a poll later.
///
/// A signal that finds no worker waiting is kept (once), so a signal sent while the worker is
/// busy with a pass makes its next wait return at once.
final class OutboxWake: Sendable {
    private struct State {
        var signalled = false
        var lastWait = 0
        /// Waits in progress.
        var active: Set<Int> = []
        /// Waits that timed out or were cancelled before their continuation was parked.
        var ended: Set<Int> = []
        var parked: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Wakes every waiting worker, or the next one to wait.
    func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.parked.isEmpty else {
                state.signalled = true
                return []
            }
            defer { state.parked = [:] }
            return Array(state.parked.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns after `timeout`, when signalled, or when the task is cancelled, whichever
    /// comes first.
    func wait(upTo timeout: Duration) async {
        let id = state.withLock { state in
            state.lastWait += 1
            state.active.insert(state.lastWait)
            return state.lastWait
        }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.end(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.signalled {
                        state.signalled = false
                        return true
                    }
                    if state.ended.remove(id) != nil { return true }
                    state.parked[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            end(id)
        }
        timer.cancel()
        state.withLock { state in
            state.active.remove(id)
            state.ended.remove(id)
        }
    }

    /// Ends one wait (its timer fired, or its task was cancelled), whether or not it is parked yet.
    private func end(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.active.contains(id) else { return nil }
            if let waiter = state.parked.removeValue(forKey: id) { return waiter }
            state.ended.insert(id)
            return nil
        }
        waiter?.resume()
    }
}
