import Synchronization

/// Calls back at deadlines, from one shared watcher instead of a sleeping task per deadline.
///
/// Every request and every store call has a deadline, and nearly all of them finish first: a
/// timer task each (created, slept, cancelled) is a cost on every one of them. Here an alarm is
/// an entry in the bucket of its deadline's tick, and cancelling it removes the entry. One task
/// wakes every tick while alarms are set, fires the buckets that are due, and stops when none
/// is left. An alarm fires within about one tick after its deadline, never before it.
public final class DeadlineAlarms: Sendable {
    /// The alarms of `awaitValue`, ticking every 10 ms.
    public static let shared = DeadlineAlarms(resolution: .milliseconds(10))

    /// A set alarm, to cancel it.
    public struct Alarm: Sendable, Hashable {
        let tick: Int64
        let id: UInt64
    }

    private struct State {
        var buckets: [Int64: [UInt64: @Sendable () -> Void]] = [:]
        var nextID: UInt64 = 0
        /// The last tick whose bucket has fired.
        var fired: Int64
        var watching = false
    }

    private let resolution: Duration
    private let nanosecondsPerTick: Int64
    private let origin = ContinuousClock.now
    private let state: Mutex<State>

    public init(resolution: Duration) {
        precondition(resolution > .zero, "alarms need a positive resolution")
        self.resolution = resolution
        nanosecondsPerTick = Self.nanoseconds(resolution)
        state = Mutex(State(fired: 0))
    }

    /// Sets an alarm that calls `fire` once `deadline` has passed, unless cancelled first. A
    /// deadline already past fires at once, on the caller's thread.
    @discardableResult
    public func schedule(at deadline: Deadline, _ fire: @escaping @Sendable () -> Void) -> Alarm {
        let current = ContinuousClock.now
        let due = tick(of: deadline, roundingUp: true)
        let now = tick(of: current, roundingUp: false)
        let (alarm, firesNow, startsWatcher) = state.withLock { state -> (Alarm, Bool, Bool) in
            // With no watcher there is no alarm either: the ticks until now need no visit.
            if !state.watching { state.fired = max(state.fired, now) }
            state.nextID &+= 1
            let alarm = Alarm(tick: due, id: state.nextID)
            // Past, or in a tick the watcher has already fired (it may have read the clock
            // after `current`, and its ticks are past the deadline then).
            if deadline <= current || due <= state.fired { return (alarm, true, false) }
            state.buckets[due, default: [:]][alarm.id] = fire
            defer { state.watching = true }
            return (alarm, false, !state.watching)
        }
        if firesNow {
            fire()
        } else if startsWatcher {
            Task { await watch() }
        }
        return alarm
    }

    /// Cancels an alarm that has not fired; nothing if it has.
    public func cancel(_ alarm: Alarm) {
        state.withLock { state in
            guard state.buckets[alarm.tick]?.removeValue(forKey: alarm.id) != nil else { return }
            if state.buckets[alarm.tick]?.isEmpty == true { state.buckets[alarm.tick] = nil }
        }
    }

    /// Alarms set and not yet fired or cancelled.
    public var pending: Int {
        state.withLock { $0.buckets.values.reduce(0) { $0 + $1.count } }
    }

    private func watch() async {
        while true {
            try? await Task.sleep(for: resolution)
            let now = tick(of: .now, roundingUp: false)
            let (due, goesOn) = state.withLock { state -> ([@Sendable () -> Void], Bool) in
                var due: [@Sendable () -> Void] = []
                // After an idle spell the empty ticks in between need no visit.
                if state.buckets.isEmpty {
                    state.fired = max(state.fired, now)
                } else {
                    while state.fired < now {
                        state.fired += 1
                        if let bucket = state.buckets.removeValue(forKey: state.fired) { due += bucket.values }
                    }
                }
                // Stopping is decided under the lock, so that the next alarm starts a new watcher.
                if state.buckets.isEmpty { state.watching = false }
                return (due, state.watching)
            }
            for fire in due { fire() }
            if !goesOn { return }
        }
    }

    private func tick(of instant: ContinuousClock.Instant, roundingUp: Bool) -> Int64 {
        let elapsed = Self.nanoseconds(origin.duration(to: instant))
        let (quotient, remainder) = elapsed.quotientAndRemainder(dividingBy: nanosecondsPerTick)
        if remainder > 0 && roundingUp { return quotient + 1 }
        if remainder < 0 && !roundingUp { return quotient - 1 }
        return quotient
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
