import Synchronization
import Testing

@testable import StoreSupport

/// `awaitValue(until:cancellingLateWork:_:)`: the work's value, or nil at the deadline.
@Suite struct LateWorkTests {
    @Test func theWorksValueWhenItIsFirst() async {
        let value = await awaitValue(until: .after(.seconds(5)), cancellingLateWork: true) { 42 }
        #expect(value == 42)
    }

    @Test(arguments: [true, false])
    func nilWhenTheDeadlineIsFirstAndTheWorkCancelledOrNot(cancellingLateWork: Bool) async throws {
        let sawCancellation = Mutex<Bool?>(nil)
        let started = ContinuousClock.now
        let value: Int? = await awaitValue(until: .after(.milliseconds(50)), cancellingLateWork: cancellingLateWork) {
            try? await Task.sleep(for: .milliseconds(cancellingLateWork ? 30_000 : 300))
            sawCancellation.withLock { $0 = Task.isCancelled }
            return 1
        }
        #expect(value == nil)
        #expect(started.duration(to: .now) < .milliseconds(250))
        for _ in 0..<100 where sawCancellation.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(sawCancellation.withLock { $0 } == cancellingLateWork)
    }
}
