import Synchronization

/// Carries a Swift task's cancellation into blocking work that polls for it.
///
/// Work on a `BlockingExecutor` thread cannot see `Task.isCancelled`; the caller sets this flag
/// from `withTaskCancellationHandler`'s `onCancel`, and the blocking loop checks it between
/// short waits (a server-side cancel then ends the statement).
public final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public func set() { value.store(true, ordering: .releasing) }
    public var isSet: Bool { value.load(ordering: .acquiring) }
}
