import Testing
@testable import MongoClient

@Suite("pool permits, one event per line")
struct PermitStateMachineTests {
    @Test func grantsUpToSizeThenQueuesInOrder() {
        var machine = PermitStateMachine<String>(size: 2)
        #expect(machine.acquire(id: 1, waiter: "a").isGranted)
        #expect(machine.acquire(id: 2, waiter: "b").isGranted)
        #expect(machine.acquire(id: 3, waiter: "c").isWait)
        #expect(machine.acquire(id: 4, waiter: "d").isWait)
        #expect(machine.release().resumed == "c")
        #expect(machine.release().resumed == "d")
        #expect(machine.release().resumed == nil)
        #expect(machine.inUse == 1)
    }

    @Test func abandonRemovesOnlyQueuedWaiters() {
        var machine = PermitStateMachine<String>(size: 1)
        #expect(machine.acquire(id: 1, waiter: "a").isGranted)
        #expect(machine.acquire(id: 2, waiter: "b").isWait)
        #expect(machine.abandon(id: 2).failed == "b")
        #expect(machine.abandon(id: 2).failed == nil)
        #expect(machine.abandon(id: 1).failed == nil)
        #expect(machine.release().resumed == nil)
        #expect(machine.inUse == 0)
    }

    @Test func shutDownFailsWaitersAndLaterAcquires() {
        var machine = PermitStateMachine<String>(size: 1)
        #expect(machine.acquire(id: 1, waiter: "a").isGranted)
        #expect(machine.acquire(id: 2, waiter: "b").isWait)
        #expect(machine.shutDown() == ["b"])
        #expect(machine.acquire(id: 3, waiter: "c").isShutDown)
        #expect(machine.release().resumed == nil)
    }

    @Test func newcomersDoNotOvertakeWaiters() {
        var machine = PermitStateMachine<String>(size: 1)
        #expect(machine.acquire(id: 1, waiter: "a").isGranted)
        #expect(machine.acquire(id: 2, waiter: "b").isWait)
        #expect(machine.release().resumed == "b")  // handed over: inUse stays 1
        #expect(machine.acquire(id: 3, waiter: "c").isWait)
    }
}

extension PermitStateMachine.AcquireAction {
    var isGranted: Bool { if case .granted = self { true } else { false } }
    var isWait: Bool { if case .wait = self { true } else { false } }
    var isShutDown: Bool { if case .fail(.shutDown) = self { true } else { false } }
}

extension PermitStateMachine.ReleaseAction {
    var resumed: Waiter? { if case .resume(_, let waiter) = self { waiter } else { nil } }
}

extension PermitStateMachine.AbandonAction {
    var failed: Waiter? { if case .fail(let waiter) = self { waiter } else { nil } }
}
