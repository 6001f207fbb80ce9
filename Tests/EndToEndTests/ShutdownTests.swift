import Foundation
import StoreTestSupport
import Synchronization
import Testing

/// `chorus serve --shutdown-grace`: SIGTERM with a request in flight that cannot finish (its
/// store frozen, its timeouts a minute long) still ends the process, within the grace plus a
/// generous slack, instead of waiting for the request.
@Suite(.serialized) struct ShutdownTests {
    @Test func sigtermWithARequestStuckOnAFrozenStoreExitsAfterTheGrace() async throws {
        try await FaultStack.with { stack in
            let server = try await ChorusServer.start(
                environment: stack.environment,
                arguments: ["--shutdown-grace", "1000", "--request-timeout", "60000", "--store-timeout", "60000"])
            let answered = Mutex(false)
            try stack.postgresServer.freeze()
            let request = try server.graphQLRequest("{ users(first: 5) { nodes { email } } }", timeout: 120)
            let inFlight = Task {
                _ = try? await server.send(request)
                answered.withLock { $0 = true }
            }
            // Lets the request reach the frozen server (setup, not a measurement).
            try await Task.sleep(for: .seconds(2))
            #expect(!answered.withLock { $0 }, "the request was answered before SIGTERM: the store is not frozen")

            let sent = ContinuousClock.now
            kill(server.pid, SIGTERM)
            // A process that does not stop fails the test instead of hanging it.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(45))
                try? stack.postgresServer.thaw()
                kill(server.pid, SIGKILL)
            }
            _ = try await waitForExit(server.pid)
            let elapsed = ContinuousClock.now - sent
            watchdog.cancel()
            try stack.postgresServer.thaw()
            _ = await inFlight.value
            // Grace 1 s, then cancellation (at most another 1 s); 60 s if the request were awaited.
            #expect(elapsed < .seconds(15), "exited \(elapsed) after SIGTERM")
        }
    }
}
