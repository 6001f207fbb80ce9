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
    return await withCheckedContinuation { continuation in
        let race = FirstAnswer(continuation)
        let work = Task { race.finish(await body()) }
        race.set(alarm: DeadlineAlarms.shared.schedule(at: deadline) {
            if cancellingLateWork { work.cancel() }
            race.finish(nil)
        })
    }
}

/// Who answers `awaitValue` first: the work or the alarm. Finished once its continuation is
/// taken.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let state: Mutex<(continuation: CheckedContinuation<T?, Never>?, alarm: DeadlineAlarms.Alarm?)>

    init(_ continuation: CheckedContinuation<T?, Never>) {
        state = Mutex((continuation, nil))
    }

    func finish(_ value: T?) {
        let (continuation, alarm) = state.withLock { state in (state.continuation.take(), state.alarm) }
        guard let continuation else { return }
        if let alarm { DeadlineAlarms.shared.cancel(alarm) }
        continuation.resume(returning: value)
    }

    /// Keeps the alarm to cancel it when the work ends; cancels it now if it has ended.
    func set(alarm: DeadlineAlarms.Alarm) {
        let finished = state.withLock { state in
            state.alarm = alarm
            return state.continuation == nil
        }
        if finished { DeadlineAlarms.shared.cancel(alarm) }
    }
}
