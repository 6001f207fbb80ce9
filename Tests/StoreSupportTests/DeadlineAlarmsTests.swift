import Synchronization
import Testing

@testable import StoreSupport

/// `DeadlineAlarms`: one watcher firing alarms at their deadlines, never before.
@Suite struct DeadlineAlarmsTests {
    let alarms = DeadlineAlarms(resolution: .milliseconds(10))

    /// Fire times, by alarm number.
    final class Firings: Sendable {
        private let times = Mutex<[Int: [ContinuousClock.Instant]]>([:])
        func record(_ number: Int) { times.withLock { $0[number, default: []].append(.now) } }
        var all: [Int: [ContinuousClock.Instant]] { times.withLock { $0 } }

        /// Waits until `count` alarms have fired (5 s at most).
        func wait(for count: Int) async throws {
            for _ in 0..<500 where all.count < count { try await Task.sleep(for: .milliseconds(10)) }
        }
    }

    @Test func eachAlarmFiresOnceAfterItsDeadlineAndCancelledOnesNever() async throws {
        let firings = Firings()
        var deadlines: [Int: Deadline] = [:]
        var cancelled: [DeadlineAlarms.Alarm] = []
        for number in 0..<40 {
            let deadline = Deadline.after(.milliseconds(20 + 7 * number))
            let alarm = alarms.schedule(at: deadline) { firings.record(number) }
            if number % 4 == 3 { cancelled.append(alarm) } else { deadlines[number] = deadline }
        }
        for alarm in cancelled { alarms.cancel(alarm) }
        try await firings.wait(for: deadlines.count)
        try await Task.sleep(for: .milliseconds(100))
        let fired = firings.all
        #expect(Set(fired.keys) == Set(deadlines.keys))
        for (number, times) in fired {
            #expect(times.count == 1)
            #expect(times[0] >= deadlines[number]!, "alarm \(number) fired before its deadline")
        }
        #expect(alarms.pending == 0)
    }

    @Test func aDeadlineAlreadyPastFiresAtOnce() {
        let fired = Mutex(false)
        alarms.schedule(at: .now.advanced(by: .milliseconds(-5))) { fired.withLock { $0 = true } }
        #expect(fired.withLock { $0 })
        #expect(alarms.pending == 0)
    }

    /// The watcher stops when no alarm is left and starts again with the next one.
    @Test func alarmsSetAfterAnIdleSpellFireToo() async throws {
        let firings = Firings()
        alarms.schedule(at: .after(.milliseconds(20))) { firings.record(1) }
        try await firings.wait(for: 1)
        try await Task.sleep(for: .milliseconds(100))
        let deadline = Deadline.after(.milliseconds(30))
        alarms.schedule(at: deadline) { firings.record(2) }
        try await firings.wait(for: 2)
        let second = try #require(firings.all[2]?.first)
        #expect(second >= deadline)
        #expect(second < deadline.advanced(by: .seconds(1)))
    }
}
