import Foundation
import Testing

@testable import Gateway

/// The outbox worker's wake-up: a wait ends on a signal, on its timeout, or on cancellation.
struct OutboxWakeTests {
    @Test("a signal ends a wait at once, even one sent before the wait")
    func signalled() async {
        let wake = OutboxWake()
        let started = ContinuousClock.now
        let waiter = Task { await wake.wait(upTo: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(50))
        wake.signal()
        await waiter.value
        wake.signal()
        await wake.wait(upTo: .seconds(30))
        #expect(started.duration(to: .now) < .seconds(5))
    }

    @Test("without a signal, a wait lasts its timeout")
    func timesOut() async {
        let wake = OutboxWake()
        let started = ContinuousClock.now
        await wake.wait(upTo: .milliseconds(200))
        let waited = started.duration(to: .now)
        #expect(waited >= .milliseconds(200))
        #expect(waited < .seconds(5))
    }

    @Test("cancelling the waiting task ends the wait")
    func cancelled() async {
        let wake = OutboxWake()
        let started = ContinuousClock.now
        let waiter = Task { await wake.wait(upTo: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await waiter.value
        #expect(started.duration(to: .now) < .seconds(5))
    }

    @Test("one signal wakes every waiting worker")
    func wakesAll() async {
        let wake = OutboxWake()
        let started = ContinuousClock.now
        async let first: Void = wake.wait(upTo: .seconds(30))
        async let second: Void = wake.wait(upTo: .seconds(30))
        try? await Task.sleep(for: .milliseconds(100))
        wake.signal()
        _ = await (first, second)
        #expect(started.duration(to: .now) < .seconds(5))
    }
}
