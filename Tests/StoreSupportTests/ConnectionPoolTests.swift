import Logging
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing

@testable import StoreSupport

/// A connection with no server behind it: the pool's own behaviour, with real tasks and timers.
final class CountingConnection: PoolableConnection {
    let number: Int
    private let brokenFlag = Atomic<Bool>(false)
    private let closedFlag = Atomic<Bool>(false)

    var isBroken: Bool { brokenFlag.load(ordering: .relaxed) }
    var isClosed: Bool { closedFlag.load(ordering: .relaxed) }
    func breakIt() { brokenFlag.store(true, ordering: .relaxed) }

    init(number: Int) { self.number = number }

    var isReusable: Bool { !isBroken && !isClosed }
    func close() { closedFlag.store(true, ordering: .relaxed) }
}

@Suite struct ConnectionPoolTests {
    let executor = BlockingExecutor(threadCount: 2)

    func makePool(size: Int, acquireTimeout: Duration) -> ConnectionPool<CountingConnection> {
        let counter = Counter()
        return ConnectionPool(
            configuration: ConnectionPoolConfiguration(maximumConnections: size, acquireTimeout: acquireTimeout),
            executor: executor, logger: Logger(label: "test")
        ) {
            CountingConnection(number: counter.next())
        }
    }

    @Test func exhaustedPoolMakesCallersWaitThenFailWithAClearTimeout() async throws {
        let pool = makePool(size: 1, acquireTimeout: .milliseconds(200))
        let held = try await pool.acquire()
        let started = ContinuousClock.now
        await #expect {
            _ = try await pool.acquire()
        } throws: { error in
            guard case .acquireTimeout(let waited, let statistics) = error as? ConnectionPoolError else { return false }
            return waited >= .milliseconds(200) && statistics.leased == 1 && statistics.waiting == 1
        }
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(200))
        #expect(elapsed < .milliseconds(1500))
        pool.release(held)
        #expect(pool.statistics == PoolStatistics(maximumConnections: 1, idle: 1, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func waiterIsServedWhenAConnectionComesBack() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let held = try await pool.acquire()
        async let waiting = pool.acquire()
        try await Task.sleep(for: .milliseconds(50))
        #expect(pool.statistics.waiting == 1)
        pool.release(held)
        let served = try await waiting
        #expect(served === held)
        pool.release(served)
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let held = try await pool.acquire()
        let order = Recorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<5 {
                group.addTask {
                    try await pool.withConnection { _ in
                        order.append(caller)
                    }
                }
                // Let each caller queue before the next one starts.
                while pool.statistics.waiting < caller + 1 { try await Task.sleep(for: .milliseconds(5)) }
            }
            pool.release(held)
            try await group.waitForAll()
        }
        #expect(order.values == [0, 1, 2, 3, 4])
    }

    @Test func brokenConnectionIsDiscardedAndReplaced() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let first = try await pool.acquire()
        first.breakIt()
        pool.release(first)
        let second = try await pool.acquire()
        #expect(second.number == 2)
        try await Task.sleep(for: .milliseconds(50))
        #expect(first.isClosed)
        pool.release(second)
    }

    @Test func connectionThatWentStaleWhileIdleIsReplacedAtCheckout() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let first = try await pool.acquire()
        pool.release(first)
        first.breakIt()  // the server closed it while idle
        let next = try await pool.acquire()
        #expect(next.number == 2)
        pool.release(next)
    }

    @Test func connectErrorReachesTheCallerUnchanged() async throws {
        struct Refused: Error, Equatable {}
        let pool = ConnectionPool<CountingConnection>(
            configuration: ConnectionPoolConfiguration(maximumConnections: 2, acquireTimeout: .seconds(5)),
            executor: executor, logger: Logger(label: "test")
        ) { throw Refused() }
        await #expect(throws: Refused()) { _ = try await pool.acquire() }
        #expect(pool.statistics == PoolStatistics(maximumConnections: 2, idle: 0, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let held = try await pool.acquire()
        let waiter = Task { try await pool.acquire() }
        while pool.statistics.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        waiter.cancel()
        await #expect(throws: ConnectionPoolError.cancelled) { _ = try await waiter.value }
        #expect(pool.statistics.waiting == 0)
        pool.release(held)
    }

    @Test func shutdownFailsWaitersAndLaterAcquires() async throws {
        let pool = makePool(size: 1, acquireTimeout: .seconds(5))
        let held = try await pool.acquire()
        let waiter = Task { try await pool.acquire() }
        while pool.statistics.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        await pool.shutdown()
        await #expect(throws: ConnectionPoolError.shutDown) { _ = try await waiter.value }
        await #expect(throws: ConnectionPoolError.shutDown) { _ = try await pool.acquire() }
        pool.release(held)
        // Closed on the executor, whose threads the suite's other tests may hold a while.
        for _ in 0..<100 where !held.isClosed { try await Task.sleep(for: .milliseconds(50)) }
        #expect(held.isClosed)
    }

    @Test func blockingWorkRunsOffTheCooperativePool() async throws {
        // Four half-second sleeps on a 4-thread executor finish together, while the
        // cooperative pool (2 threads here) stays free to run this timer.
        let wide = BlockingExecutor(threadCount: 4)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try await wide.run { usleep(500_000) } }
            }
            let probe = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(10))
            // On the cooperative pool the four sleeps would hold this timer for 500 ms.
            #expect(probe.duration(to: .now) < .milliseconds(400))
            try await group.waitForAll()
        }
        // Run one after another they would take 2 s; the margin is for a loaded machine.
        #expect(started.duration(to: .now) < .milliseconds(1800))
        await wide.shutdown()
    }
}

final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

final class Recorder: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ value: Int) { storage.withLock { $0.append(value) } }
    var values: [Int] { storage.withLock { $0 } }
}
