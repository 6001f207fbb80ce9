import Synchronization
import Testing

@testable import StoreSupport

/// `awaitValue(until:cancellingLateWork:_:)`: the work's value, or nil at the deadline.
@Suite struct LateWorkTests {
    @Test func theWorksValueWhenItIsFirst() async {
        let value = await awaitValue(until: .after(.seconds(5)), cancellingLateWork: true) { 42 }
        #expect(value == 42)
    }

    /// The caller is free at the deadline, well before the work's end (bounds loose enough for
    /// a loaded machine); the late work is cancelled or runs on, as asked.
    @Test(arguments: [true, false])
    func nilWhenTheDeadlineIsFirstAndTheWorkCancelledOrNot(cancellingLateWork: Bool) async throws {
        let sawCancellation = Mutex<Bool?>(nil)
        let started = ContinuousClock.now
        let value: Int? = await awaitValue(until: .after(.milliseconds(50)), cancellingLateWork: cancellingLateWork) {
            try? await Task.sleep(for: .seconds(3))
            sawCancellation.withLock { $0 = Task.isCancelled }
            return 1
        }
        #expect(value == nil)
        #expect(started.duration(to: .now) < .milliseconds(1500))
        for _ in 0..<200 where sawCancellation.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(sawCancellation.withLock { $0 } == cancellingLateWork)
    }
}
