import Synchronization

/// Runs `body` in a task of its own and waits for its value until `deadline`: nil when the
/// deadline comes first.
///
/// Late work is cancelled when `cancellingLateWork`; otherwise it goes on to its end unheard,
/// its own clean-up (giving back a connection, say) included. Either way the caller is free at
/// the deadline: for work that may outlive its caller's patience, such as a call to a server
/// that has stopped answering, or a whole request past its time budget.
public func awaitValue<T: Sendable>(
    until deadline: Deadline, cancellingLateWork: Bool, _ body: @escaping @Sendable () async -> T
) async -> T? {
    let race = FirstAnswer<T>()
    return await withCheckedContinuation { continuation in
        race.waiting.withLock { $0 = continuation }
        let work = Task { race.finish(await body()) }
        race.set(alarm: DeadlineAlarms.shared.schedule(at: deadline) {
            if cancellingLateWork { work.cancel() }
            race.finish(nil)
        })
    }
}

/// Who answers `awaitValue` first: the work or the alarm.
private final class FirstAnswer<T: Sendable>: Sendable {
    let waiting = Mutex<CheckedContinuation<T?, Never>?>(nil)
    private let alarm = Mutex<(alarm: DeadlineAlarms.Alarm?, finished: Bool)>((nil, false))

    func finish(_ value: T?) {
        guard let continuation = waiting.withLock({ $0.take() }) else { return }
        let set = alarm.withLock { state in
            state.finished = true
            return state.alarm
        }
        if let set { DeadlineAlarms.shared.cancel(set) }
        continuation.resume(returning: value)
    }

    /// Keeps the alarm to cancel it when the work ends; cancels it now if it has ended.
    func set(alarm set: DeadlineAlarms.Alarm) {
        let finished = alarm.withLock { state in
            state.alarm = set
            return state.finished
        }
        if finished { DeadlineAlarms.shared.cancel(set) }
    }
}
