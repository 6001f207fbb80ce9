/// Why a pool could not hand out a connection.
public enum ConnectionPoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection became free before the acquire deadline.
    case acquireTimeout(waited: Duration, statistics: PoolStatistics)
    /// Opening a connection failed; `message` is the driver's reason (no credentials).
    case connectFailed(message: String)
    /// The pool was shut down.
    case shutDown
    /// The waiting task was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .acquireTimeout(let waited, let statistics):
            "timed out after \(waited.secondsDescription) waiting for a pooled connection "
                + "(\(statistics)); raise the pool size or the acquire timeout, "
                + "or look for slow calls holding connections"
        case .connectFailed(let message):
            "could not open a connection: \(message)"
        case .shutDown:
            "the connection pool is shut down"
        case .cancelled:
            "the task was cancelled while waiting for a pooled connection"
        }
    }
}

extension Duration {
    /// `1.5 s`, `250 ms`: short and readable in error messages.
    public var secondsDescription: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = milliseconds / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
