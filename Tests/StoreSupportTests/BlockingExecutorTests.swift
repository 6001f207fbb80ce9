import Foundation
import Testing

@testable import StoreSupport

/// `run(until:orThrow:finish:)`: the caller waits for blocking work no later than its deadline.
@Suite struct BlockingExecutorTests {
    struct Late: Error, Equatable {}

    let executor = BlockingExecutor(threadCount: 2)

    @Test func workDoneBeforeTheDeadlineAnswersAndFinishesFirst() async throws {
        let finished = CancellationFlag()
        let answer = try await executor.run(
            until: .after(.seconds(5)), orThrow: Late(), finish: finished.set
        ) {
            42
        }
        #expect(answer == 42)
        #expect(finished.isSet)
    }

    @Test func workThatThrowsBeforeTheDeadlineThrowsItsOwnError() async throws {
        struct Failed: Error, Equatable {}
        await #expect(throws: Failed()) {
            try await executor.run(until: .after(.seconds(5)), orThrow: Late(), finish: {}) { () throws -> Int in
                throw Failed()
            }
        }
    }

    /// The caller gets `Late` at the deadline, well before the work's end (bounds loose enough
    /// for a loaded machine); the work runs on to its end, and `finish` runs then.
    @Test func workPastTheDeadlineLeavesTheCallerAtTheDeadline() async throws {
        let finished = CancellationFlag()
        let started = ContinuousClock.now
        await #expect(throws: Late()) {
            try await executor.run(
                until: .after(.milliseconds(200)), orThrow: Late(), finish: finished.set
            ) {
                Thread.sleep(forTimeInterval: 3)
                return 1
            }
        }
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(200) && elapsed < .milliseconds(1500), "\(elapsed)")
        #expect(!finished.isSet)
        for _ in 0..<200 where !finished.isSet { try await Task.sleep(for: .milliseconds(50)) }
        #expect(finished.isSet)
    }
}
