import Synchronization

/// A value that a batch will supply: the promise a `DataLoader` hands out for a key.
///
/// A pending value is fulfilled once, by the scheduler's dispatch, never by a timer.
/// Callbacks registered with `whenResolved` run on the task that fulfils it, in the order
/// they were registered, so a consumer that only reads results after `dispatch()` returns
/// sees a deterministic order.
///
/// Its methods are inlinable so that the modules using it (the gateway's loaders) get them
/// specialised for their value types: otherwise every `map` looks up `Pending<Other>`'s generic
/// metadata at run time, which showed up as a tenth of a large query's CPU.
public final class Pending<Value: Sendable>: Sendable {
    @usableFromInline struct State {
        @usableFromInline var result: Result<Value, any Error>?
        @usableFromInline var callbacks: [@Sendable (Result<Value, any Error>) -> Void] = []

        @inlinable init(result: Result<Value, any Error>? = nil) {
            self.result = result
        }
    }

    @usableFromInline let state: Mutex<State>

    /// A value still to come.
    @inlinable public init() {
        state = Mutex(State())
    }

    /// A value already known.
    @inlinable public init(_ result: Result<Value, any Error>) {
        state = Mutex(State(result: result))
    }

    /// The result, once fulfilled.
    @inlinable public var result: Result<Value, any Error>? {
        state.withLock { $0.result }
    }

    @inlinable public var isResolved: Bool { result != nil }

    /// Sets the result (once; later calls are ignored) and runs the waiting callbacks.
    @inlinable public func resolve(_ result: Result<Value, any Error>) {
        let callbacks = state.withLock { state -> [@Sendable (Result<Value, any Error>) -> Void] in
            guard state.result == nil else { return [] }
            state.result = result
            defer { state.callbacks = [] }
            return state.callbacks
        }
        for callback in callbacks { callback(result) }
    }

    /// Runs `callback` with the result: now if it is known, else when it is resolved.
    @inlinable public func whenResolved(_ callback: @escaping @Sendable (Result<Value, any Error>) -> Void) {
        let known = state.withLock { state -> Result<Value, any Error>? in
            if let result = state.result { return result }
            state.callbacks.append(callback)
            return nil
        }
        if let known { callback(known) }
    }

    /// A pending value derived from this one (already resolved when this one is).
    @inlinable public func map<Other: Sendable>(_ transform: @escaping @Sendable (Value) throws -> Other) -> Pending<Other> {
        if let known = result { return Pending<Other>(known.flatMap { value in Result { try transform(value) } }) }
        let derived = Pending<Other>()
        whenResolved { result in
            derived.resolve(result.flatMap { value in Result { try transform(value) } })
        }
        return derived
    }

    /// A pending value that waits for this one, then for the pending value `next` makes of it
    /// (a second load that needs the first one's answer).
    @inlinable public func flatMap<Other: Sendable>(_ next: @escaping @Sendable (Value) throws -> Pending<Other>) -> Pending<Other> {
        let derived = Pending<Other>()
        whenResolved { result in
            switch result {
            case .success(let value):
                do {
                    try next(value).whenResolved { derived.resolve($0) }
                } catch {
                    derived.resolve(.failure(error))
                }
            case .failure(let error):
                derived.resolve(.failure(error))
            }
        }
        return derived
    }
}
