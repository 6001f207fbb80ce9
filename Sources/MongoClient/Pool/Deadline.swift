import Synchronization

/// Resumes a continuation exactly once: with the job's result, or with a timeout or
/// cancellation error if that comes first. The job itself keeps running to its end either way
/// (a blocking C call cannot be interrupted); only the caller stops waiting for it.
final class Deadline<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var timer: Task<Void, Never>?
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>, after timeout: Duration, error: MongoError) {
        state.withLock { $0.continuation = continuation }
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.finish(.failure(error))
        }
        let finishedAlready = state.withLock { state in
            guard state.continuation != nil else { return true }
            state.timer = timer
            return false
        }
        if finishedAlready { timer.cancel() }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, timer) = state.withLock { state in
            defer { state = State() }
            return (state.continuation, state.timer)
        }
        timer?.cancel()
        continuation?.resume(with: result)
    }
}
