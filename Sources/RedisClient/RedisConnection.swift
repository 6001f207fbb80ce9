import CHiredis
import StoreSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One hiredis connection, used by one caller at a time.
///
/// hiredis's README: "hiredis is not thread-safe"; a `redisContext` may be used by one thread
/// at a time. The pool leases a connection to one caller and the context also sits in a
/// `Mutex`. Every method blocks: call them on the client's `BlockingExecutor` only.
///
/// Deadlines use `redisSetTimeout` (the socket's send and receive timeouts), set to the time
/// left before each call. After a timeout the reply may still arrive later, so the connection
/// is never reused.
final class RedisConnection: PoolableConnection {
    private struct Handle {
        var context: UnsafeMutablePointer<redisContext>?
        var isBroken = false
    }

    private let handle: Mutex<Handle>
    private let maximumValueBytes: Int

    private init(context: sending UnsafeMutablePointer<redisContext>, maximumValueBytes: Int) {
        handle = Mutex(Handle(context: context))
        self.maximumValueBytes = maximumValueBytes
    }

    deinit { close() }

    /// Connects, authenticates and selects the database, all before `deadline`.
    static func connect(_ configuration: RedisConfiguration, deadline: Deadline) throws(RedisError) -> RedisConnection {
        guard let context = redisConnectWithTimeout(
            configuration.host, Int32(configuration.port), timeval(deadline.remaining))
        else { throw .connectionFailed(message: "hiredis could not allocate a context") }
        if context.pointee.err != 0 {
            let message = Self.errorMessage(context)
            redisFree(context)
            throw .connectionFailed(message: "\(configuration.host):\(configuration.port): \(message)")
        }
        // hiredis leaves the socket inheritable: a child process (any fork and exec) would keep
        // the connection open after we close it, and a closed subscription would go on
        // receiving. libpq and NIO mark their sockets close-on-exec; do the same.
        _ = fcntl(context.pointee.fd, F_SETFD, fcntl(context.pointee.fd, F_GETFD) | FD_CLOEXEC)
        let connection = RedisConnection(context: context, maximumValueBytes: configuration.maximumValueBytes)
        var setup: [[[UInt8]]] = []
        if let password = configuration.password {
            let credentials = (configuration.username.map { [$0] } ?? []) + [password]
            setup.append((["AUTH"] + credentials).map { Array($0.utf8) })
        }
        if configuration.database != 0 {
            setup.append(["SELECT", String(configuration.database)].map { Array($0.utf8) })
        }
        if !setup.isEmpty {
            let replies: [RedisReply]
            do {
                replies = try connection.send(setup, deadline: deadline, timeout: configuration.connectTimeout)
            } catch {
                throw .connectionFailed(message: error.description)
            }
            for reply in replies {
                if case .error(let message) = reply {
                    throw .connectionFailed(message: message)
                }
            }
        }
        return connection
    }

    func close() {
        handle.withLock { handle in
            if let context = handle.context { redisFree(context) }
            handle.context = nil
        }
    }

    /// Usable when open, unbroken, and silent while idle: a Redis server sends nothing unasked
    /// on a normal connection, so pending input means it closed the connection (a restart, an
    /// idle timeout).
    var isReusable: Bool {
        handle.withLock { handle in
            guard let context = handle.context, !handle.isBroken, context.pointee.err == 0 else { return false }
            return !SocketWait.hasPendingInput(on: context.pointee.fd)
        }
    }

    /// Sends every command, then reads every reply: one round trip for the lot.
    /// Server errors come back as `.error` replies, in place.
    func send(_ commands: [[[UInt8]]], deadline: Deadline, timeout: Duration) throws(RedisError) -> [RedisReply] {
        for command in commands {
            for argument in command where argument.count > maximumValueBytes {
                throw .valueTooLarge(bytes: argument.count, limit: maximumValueBytes)
            }
        }
        return try handle.withLock { (handle) throws(RedisError) -> [RedisReply] in
            guard let context = handle.context, !handle.isBroken else {
                throw .connectionLost(message: "the connection was closed")
            }
            guard deadline.remaining > .zero else { throw .timeout(after: timeout) }
            // At least a millisecond: a zero timeval would mean "wait forever".
            redisSetTimeout(context, timeval(max(deadline.remaining, .milliseconds(1))))
            for command in commands {
                let appended = Self.withArgv(command) { count, argv, lengths in
                    redisAppendCommandArgv(context, count, argv, lengths)
                }
                guard appended == REDIS_OK else { throw broken(&handle, context, timeout: timeout) }
            }
            var replies: [RedisReply] = []
            replies.reserveCapacity(commands.count)
            for _ in commands {
                var raw: UnsafeMutableRawPointer? = nil
                guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                    throw broken(&handle, context, timeout: timeout)
                }
                let reply = raw.assumingMemoryBound(to: redisReply.self)
                replies.append(Self.convert(reply))
                freeReplyObject(raw)
            }
            return replies
        }
    }

    // MARK: - Subscriptions

    /// Waits up to `wait` for pushed messages and returns those complete (possibly none).
    /// For a subscribed connection, read by one thread only.
    func receive(waitingUpTo wait: Duration) throws(RedisError) -> [RedisReply] {
        try handle.withLock { (handle) throws(RedisError) -> [RedisReply] in
            guard let context = handle.context, !handle.isBroken else {
                throw .connectionLost(message: "the connection was closed")
            }
            var replies = try Self.drainBuffered(context, into: [])
            if !replies.isEmpty { return replies }
            guard SocketWait.wait(for: .readable, on: context.pointee.fd, until: .after(wait)) else { return [] }
            // Data is there; the rest of a message gets five seconds to follow.
            redisSetTimeout(context, timeval(.seconds(5)))
            var raw: UnsafeMutableRawPointer? = nil
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw broken(&handle, context, timeout: .seconds(5))
            }
            replies.append(Self.convert(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
            return try Self.drainBuffered(context, into: replies)
        }
    }

    /// Replies already read from the socket and complete in hiredis's buffer.
    private static func drainBuffered(
        _ context: UnsafeMutablePointer<redisContext>, into replies: [RedisReply]
    ) throws(RedisError) -> [RedisReply] {
        var replies = replies
        while true {
            var raw: UnsafeMutableRawPointer? = nil
            guard redisGetReplyFromReader(context, &raw) == REDIS_OK else {
                throw .connectionLost(message: errorMessage(context))
            }
            guard let raw else { return replies }
            replies.append(convert(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
    }

    // MARK: - Internals

    private func broken(
        _ handle: inout Handle, _ context: UnsafeMutablePointer<redisContext>, timeout: Duration
    ) -> RedisError {
        let code = errno
        handle.isBroken = true
        if context.pointee.err == REDIS_ERR_IO && (code == EAGAIN || code == EWOULDBLOCK) {
            return .timeout(after: timeout)
        }
        return .connectionLost(message: Self.errorMessage(context))
    }

    static func errorMessage(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            let text = bytes.prefix { $0 != 0 }
            return text.isEmpty ? "unknown error" : String(decoding: text, as: UTF8.self)
        }
    }

    static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            return .bulk(Array(UnsafeRawBufferPointer(start: value.str, count: Int(value.len))))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: UnsafeRawBufferPointer(start: value.str, count: Int(value.len)), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: UnsafeRawBufferPointer(start: value.str, count: Int(value.len)), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(value.integer))
        case REDIS_REPLY_ARRAY:
            return .array((0..<Int(value.elements)).map { index in
                value.element[index].map(convert) ?? .null
            })
        default:
            return .null
        }
    }

    /// Calls `body` with hiredis's argv form of `command`: binary-safe, lengths given.
    static func withArgv<R>(
        _ command: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let lengths = command.map(\.count)
        // One contiguous buffer holds every argument; argv points into it.
        var storage: [UInt8] = []
        storage.reserveCapacity(lengths.reduce(0, +) + 1)
        for argument in command { storage.append(contentsOf: argument) }
        storage.append(0)
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = []
            argv.reserveCapacity(command.count)
            var offset = 0
            for length in lengths {
                argv.append(base + offset)
                offset += length
            }
            return argv.withUnsafeMutableBufferPointer { argvBuffer in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    body(Int32(command.count), argvBuffer.baseAddress!, lengthBuffer.baseAddress!)
                }
            }
        }
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
