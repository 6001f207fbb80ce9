#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What to wait for on a socket.
public enum SocketInterest: Sendable {
    case readable
    case writable

    var pollEvents: Int16 {
        switch self {
        case .readable: Int16(POLLIN)
        case .writable: Int16(POLLOUT)
        }
    }
}

/// Blocking waits on a C library's socket, bounded by a deadline. Call only on a blocking
/// executor thread.
public enum SocketWait {
    /// Waits until `socket` is ready or `deadline` passes; returns false on timeout.
    /// Readiness includes hang-up and error, which the caller's next read reports.
    public static func wait(
        for interest: SocketInterest, on socket: Int32, until deadline: Deadline
    ) -> Bool {
        var descriptor = pollfd(fd: socket, events: interest.pollEvents, revents: 0)
        while true {
            let result = poll(&descriptor, 1, deadline.remainingMilliseconds)
            if result > 0 { return true }
            if result == 0 {
                // poll rounds to milliseconds; only give up once the deadline has really passed.
                if deadline.remaining == .zero { return false }
                continue
            }
            if errno == EINTR { continue }
            return true  // let the library's own read or write report the error
        }
    }

    /// True when the socket has data or a hang-up pending right now, without waiting.
    /// On an idle connection that means the server sent something unasked (usually a
    /// goodbye before closing) or closed the socket.
    public static func hasPendingInput(on socket: Int32) -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&descriptor, 1, 0)
            if result >= 0 { return result > 0 }
            if errno != EINTR { return true }
        }
    }
}
