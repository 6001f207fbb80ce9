import Testing

@testable import StoreSupport

/// The pool's decisions, one event per line, with `Int` standing in for a connection.
@Suite struct PoolStateMachineTests {
    typealias Machine = PoolStateMachine<Int>
    let timeout = ConnectionPoolError.acquireTimeout(
        waited: .milliseconds(10),
        statistics: PoolStatistics(maximumConnections: 1, idle: 0, leased: 1, connecting: 0, waiting: 1))

    @Test func firstAcquireOpensAConnectionForTheWaiter() {
        var pool = Machine(maximumConnections: 2)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.statistics == PoolStatistics(maximumConnections: 2, idle: 0, leased: 1, connecting: 0, waiting: 0))
    }

    @Test func releasedConnectionIsReusedWithoutConnecting() {
        var pool = Machine(maximumConnections: 2)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.release(100, reusable: true) == .none)
        #expect(pool.acquire(2) == .lease(100, to: 2))
        #expect(pool.statistics.leased == 1)
        #expect(pool.statistics.idle == 0)
    }

    @Test func idleConnectionsAreHandedOutMostRecentFirst() {
        var pool = Machine(maximumConnections: 2)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.acquire(2) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.connected(200) == .lease(200, to: 2))
        #expect(pool.release(100, reusable: true) == .none)
        #expect(pool.release(200, reusable: true) == .none)
        #expect(pool.acquire(3) == .lease(200, to: 3))
        #expect(pool.acquire(4) == .lease(100, to: 4))
    }

    @Test func waitersQueueInArrivalOrderWhenThePoolIsFull() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.acquire(2) == .none)
        #expect(pool.acquire(3) == .none)
        #expect(pool.statistics.waiting == 2)
        #expect(pool.release(100, reusable: true) == .lease(100, to: 2))
        #expect(pool.release(100, reusable: true) == .lease(100, to: 3))
        #expect(pool.release(100, reusable: true) == .none)
        #expect(pool.statistics == PoolStatistics(maximumConnections: 1, idle: 1, leased: 0, connecting: 0, waiting: 0))
    }

    @Test func timedOutWaiterFailsAndLeavesTheQueue() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.acquire(2) == .none)
        #expect(pool.acquire(3) == .none)
        #expect(pool.timedOut(2, error: timeout) == .fail(2, timeout))
        #expect(pool.timedOut(2, error: timeout) == .none)
        #expect(pool.release(100, reusable: true) == .lease(100, to: 3))
    }

    @Test func timeoutAfterBeingServedIsIgnored() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.timedOut(1, error: timeout) == .none)
        #expect(pool.cancelled(1) == .none)
        #expect(pool.statistics.leased == 1)
    }

    @Test func cancelledWaiterFailsWithCancelled() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.cancelled(1) == .fail(1, .cancelled))
        // The connection still being opened for it becomes idle.
        #expect(pool.connected(100) == .none)
        #expect(pool.statistics.idle == 1)
    }

    @Test func brokenConnectionIsClosedAndReplacedForAWaiter() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.acquire(2) == .none)
        #expect(pool.release(100, reusable: false) == .closeAndConnect(100))
        #expect(pool.connected(200) == .lease(200, to: 2))
    }

    @Test func brokenConnectionWithNobodyWaitingIsOnlyClosed() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.release(100, reusable: false) == .close(100))
        #expect(pool.statistics == PoolStatistics(maximumConnections: 1, idle: 0, leased: 0, connecting: 0, waiting: 0))
        #expect(pool.acquire(2) == .connect)
    }

    @Test func failedConnectFailsTheOldestWaiterAndRetriesForTheNext() {
        var pool = Machine(maximumConnections: 1)
        let refused = ConnectionPoolError.connectFailed(message: "connection refused")
        #expect(pool.acquire(1) == .connect)
        #expect(pool.acquire(2) == .none)
        #expect(pool.connectFailed(refused) == .failAndConnect(1, refused))
        #expect(pool.connectFailed(refused) == .fail(2, refused))
    }

    @Test func failedConnectWithAnotherAttemptInFlightDoesNotOpenMore() {
        var pool = Machine(maximumConnections: 2)
        let refused = ConnectionPoolError.connectFailed(message: "connection refused")
        #expect(pool.acquire(1) == .connect)
        #expect(pool.acquire(2) == .connect)
        #expect(pool.connectFailed(refused) == .fail(1, refused))
        #expect(pool.connected(200) == .lease(200, to: 2))
    }

    @Test func shutdownFailsWaitersClosesIdleAndLaterReturns() {
        var pool = Machine(maximumConnections: 2)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.acquire(2) == .connect)
        #expect(pool.connected(100) == .lease(100, to: 1))
        #expect(pool.connected(200) == .lease(200, to: 2))
        #expect(pool.release(200, reusable: true) == .none)
        #expect(pool.acquire(3) == .lease(200, to: 3))
        #expect(pool.acquire(4) == .none)
        #expect(pool.release(200, reusable: true) == .lease(200, to: 4))
        #expect(pool.release(200, reusable: true) == .none)
        #expect(pool.acquire(5) == .lease(200, to: 5))
        #expect(pool.release(200, reusable: true) == .none)
        #expect(pool.acquire(6) == .lease(200, to: 6))
        #expect(pool.acquire(7) == .none)
        #expect(pool.shutDown() == .shutDown(failing: [7], closing: []))
        #expect(pool.release(100, reusable: true) == .close(100))
        #expect(pool.release(200, reusable: true) == .close(200))
        #expect(pool.acquire(8) == .fail(8, .shutDown))
        #expect(pool.shutDown() == .none)
    }

    @Test func connectionArrivingAfterShutdownIsClosed() {
        var pool = Machine(maximumConnections: 1)
        #expect(pool.acquire(1) == .connect)
        #expect(pool.shutDown() == .shutDown(failing: [1], closing: []))
        #expect(pool.connected(100) == .close(100))
    }

    @Test(arguments: [
        (Duration.milliseconds(250), "250 ms"),
        (.milliseconds(1500), "1.5 s"),
        (.seconds(2), "2.0 s"),
        (.zero, "0 ms"),
    ])
    func durationsReadWellInMessages(duration: Duration, expected: String) {
        #expect(duration.secondsDescription == expected)
    }

    @Test func acquireTimeoutMessageSaysWhatHappened() {
        let error = ConnectionPoolError.acquireTimeout(
            waited: .milliseconds(200),
            statistics: PoolStatistics(maximumConnections: 2, idle: 0, leased: 2, connecting: 0, waiting: 3))
        #expect(
            error.description
                == "timed out after 200 ms waiting for a pooled connection (2 of 2 connections in use, "
                + "0 idle, 0 connecting, 3 callers waiting); raise the pool size or the acquire timeout, "
                + "or look for slow calls holding connections")
    }
}
