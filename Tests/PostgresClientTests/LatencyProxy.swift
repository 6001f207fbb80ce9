import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on loopback that holds back what the server sends for `delay`, so that every
/// round trip through it takes at least `delay`: a network far away, for counting round trips.
///
/// One thread accepts; each connection gets one thread that `poll(2)`s both sockets, forwards
/// the client's bytes at once and the server's bytes once they are `delay` old.
final class LatencyProxy: Sendable {
    let port: Int
    private let listener: Int32
    private let isStopped = Atomic<Bool>(false)

    /// Listens on 127.0.0.1 (any free port) and forwards to `host`:`targetPort`.
    init(to host: String, port targetPort: Int, delay: Duration) throws {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, String(targetPort), &hints, &found) == 0, let found else {
            throw ProxyFailure(step: "resolving \(host)")
        }
        defer { freeaddrinfo(found) }
        let target = found.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }

        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard listener >= 0, bound else {
            close(listener)
            throw ProxyFailure(step: "listening")
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))

        Thread { [self] in
            while !isStopped.load(ordering: .relaxed) {
                var pending = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&pending, 1, 100) > 0 else { continue }
                let client = accept(listener, nil, nil)
                guard client >= 0 else { continue }
                Thread { [self] in forward(client, to: target, delay: delay) }.start()
            }
            close(listener)
        }.start()
    }

    /// Stops accepting and ends the connections within 100 ms.
    func stop() {
        isStopped.store(true, ordering: .relaxed)
    }

    private func forward(_ client: Int32, to target: sockaddr_in, delay: Duration) {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer {
            close(client)
            close(server)
        }
        var target = target
        let connected = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return }
        var held: [(due: ContinuousClock.Instant, bytes: [UInt8])] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !isStopped.load(ordering: .relaxed) {
            let untilDue = held.first.map { ContinuousClock.now.duration(to: $0.due) } ?? .milliseconds(100)
            let timeout = Int32(max(0, min(100, untilDue.milliseconds)))
            var sockets = [pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
            guard poll(&sockets, 2, timeout) >= 0 || errno == EINTR else { return }
            if sockets[0].revents != 0 {
                let count = read(client, &buffer, buffer.count)
                guard count > 0, writeAll(server, Array(buffer[..<count])) else { return }
            }
            if sockets[1].revents != 0 {
                let count = read(server, &buffer, buffer.count)
                guard count > 0 else { return }
                held.append((ContinuousClock.now.advanced(by: delay), Array(buffer[..<count])))
            }
            while let first = held.first, first.due <= .now {
                guard writeAll(client, first.bytes) else { return }
                held.removeFirst()
            }
        }
    }

    private func writeAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    struct ProxyFailure: Error {
        let step: String
    }
}

extension Duration {
    /// Whole milliseconds, rounded up.
    fileprivate var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}
