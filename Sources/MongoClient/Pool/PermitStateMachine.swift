/// Who may use one of the pool's `size` connections, as a state machine without I/O.
///
/// A caller holding a permit may pop a client from libmongoc's pool without blocking (there are
/// never more permits than pooled clients), so waiting happens here, in Swift, where it can time
/// out and be cancelled, and never on a thread. Waiters are served first come, first served.
struct PermitStateMachine<Waiter> {
    enum AcquireAction {
        case granted
        case wait
        case fail(MongoError)
    }

    enum ReleaseAction {
        /// Hand the permit straight to this waiter.
        case resume(id: Int, Waiter)
        case none
    }

    enum AbandonAction {
        /// The waiter was still queued: fail it.
        case fail(Waiter)
        /// It had already been granted (or failed): nothing to do.
        case none
    }

    let size: Int
    private(set) var inUse = 0
    private var waiters: [(id: Int, waiter: Waiter)] = []
    private var isShutDown = false

    init(size: Int) {
        precondition(size > 0, "a pool needs at least one connection")
        self.size = size
    }

    var waiting: Int { waiters.count }

    mutating func acquire(id: Int, waiter: Waiter) -> AcquireAction {
        if isShutDown { return .fail(.shutDown) }
        if inUse < size && waiters.isEmpty {
            inUse += 1
            return .granted
        }
        waiters.append((id, waiter))
        return .wait
    }

    mutating func release() -> ReleaseAction {
        precondition(inUse > 0, "released a permit nobody held")
        if !waiters.isEmpty {
            let next = waiters.removeFirst()
            return .resume(id: next.id, next.waiter)  // the permit changes hands; inUse stays
        }
        inUse -= 1
        return .none
    }

    /// The waiter's deadline passed or its task was cancelled.
    mutating func abandon(id: Int) -> AbandonAction {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return .none }
        return .fail(waiters.remove(at: index).waiter)
    }

    /// Fails every waiter; later acquires fail too. Permits in use are still released normally.
    mutating func shutDown() -> [Waiter] {
        isShutDown = true
        defer { waiters.removeAll() }
        return waiters.map(\.waiter)
    }
}
