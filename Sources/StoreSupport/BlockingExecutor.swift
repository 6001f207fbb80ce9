import NIOPosix

/// Runs blocking C calls on threads of their own, never on Swift's cooperative pool.
///
/// A blocking libpq or hiredis call made directly from an async function parks one of the few
/// cooperative threads (two on a 2-core machine) and stalls every other task. Each client owns
/// one executor with at least as many threads as it has connections, so that a slow call never
/// waits behind another for a thread.
public final class BlockingExecutor: Sendable {
    private let threadPool: NIOThreadPool
    public let threadCount: Int

    public init(threadCount: Int) {
        precondition(threadCount > 0, "an executor needs at least one thread")
        self.threadCount = threadCount
        threadPool = NIOThreadPool(numberOfThreads: threadCount)
        threadPool.start()
    }

    /// Runs `body` on one of the executor's threads and returns its result.
    ///
    /// A task cancelled before its work starts gets `CancellationError` and `body` never runs.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(body)
    }

    /// Runs `body` on one of the executor's threads, but waits for it no later than `deadline`:
    /// then the caller gets `late` while `body` goes on to its end. `finish` runs when `body`
    /// has ended, either way, before the caller resumes: the place to give back what `body`
    /// used (a pooled connection).
    ///
    /// For calls whose clean-up after their deadline may take long: a statement cancelled on a
    /// server that has stopped answering waits a grace period for the acknowledgement, and that
    /// wait belongs to the connection, not to the caller's time.
    public func run<T: Sendable>(
        until deadline: Deadline, orThrow late: any Error, finish: @escaping @Sendable () -> Void,
        _ body: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let result = await awaitValue(until: deadline, cancellingLateWork: false) { [threadPool] in
            let result: Result<T, any Error>
            do {
                result = .success(try await threadPool.runIfActive(body))
            } catch {
                result = .failure(error)
            }
            finish()
            return result
        }
        guard let result else { throw late }
        return try result.get()
    }

    /// Stops the threads once the work already submitted has finished.
    public func shutdown() async {
        try? await threadPool.shutdownGracefully()
    }
}
