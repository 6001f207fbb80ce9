/// The instant a call must be finished by.
public typealias Deadline = ContinuousClock.Instant

extension ContinuousClock.Instant {
    /// The deadline `timeout` from now.
    public static func after(_ timeout: Duration) -> Self {
        ContinuousClock.now.advanced(by: timeout)
    }

    /// Time left before this deadline, never negative.
    public var remaining: Duration {
        max(.zero, ContinuousClock.now.duration(to: self))
    }

    /// Whole milliseconds left, rounded up so that a wait never ends before the deadline;
    /// capped to fit `poll(2)`'s `Int32` timeout.
    public var remainingMilliseconds: Int32 {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// The earlier of this deadline and `other`, if any.
    public func earliest(_ other: Self?) -> Self {
        guard let other else { return self }
        return Swift.min(self, other)
    }
}
