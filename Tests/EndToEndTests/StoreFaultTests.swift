import Foundation
import Gateway
import PostgresClient
import StoreTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Each store stopped and restarted, and frozen (SIGSTOP) and resumed, while `chorus serve`
/// answers a bounded load on loopback: eight readers, a writer, a completer and a `/health`
/// poller (`FaultLoad`), against stores of the suite's own (`FaultStack`). Checked
/// (`OutageChecks`): every request gets an HTTP answer within its time budget plus slack;
/// during the outage the fields that need the store are null with `STORE_UNAVAILABLE` naming
/// it and the others are served, and a Redis outage costs no answer at all; once the store is
/// back every answer is complete again without restarting Chorus; `/health` says which store is
/// down, and only while it is; no acknowledged write is lost, no failed one is half done, and
/// every completion answered PENDING reaches MongoDB exactly once; `chorus serve` never crashes
/// and exits 0 on SIGTERM. A last test exhausts PostgreSQL's pool.
///
/// The MongoDB stand-in keeps its data in memory, so stopping it loses what it held. That
/// case checks the writes acknowledged after the restart, every completion whose entry was
/// applied after it (every one answered PENDING while the stand-in was down), and PostgreSQL's
/// and Redis's writes throughout; the documents the readers read are put back from a copy taken before the load,
/// as a real MongoDB would have kept them. Whether the restarted server kept its data is
/// detected, and when it does (a stand-in that persists) every acknowledged write is checked.
/// The freeze case keeps the stand-in's memory: there every acknowledged write of the run is
/// checked, MongoDB's included.
@Suite(.serialized, PrivateStores())
struct StoreFaultTests {
    /// A 3 s budget per request, 1 s per store call, 0.5 s to wait for a pooled connection.
    static let arguments = [
        "--rate-limit", "0", "--request-timeout", "3000", "--store-timeout", "1000", "--pool-wait", "500",
    ]

    static let outages = [
        Outage(.postgres, .stop), Outage(.postgres, .freeze), Outage(.mongo, .stop), Outage(.mongo, .freeze),
        Outage(.redis, .stop), Outage(.redis, .freeze),
    ]

    @Test(arguments: StoreFaultTests.outages)
    func everyRequestIsAnsweredThroughAnOutage(_ outage: Outage) async throws {
        let stack = try #require(FaultStack.current)
        let fixtures = try await FaultFixtures.pick(stack)
        let snapshot = outage.store == .mongo && outage.fault == .stop ? try await MongoSnapshot.take(stack.mongo) : nil
        let likesBefore = try await stack.redis.get(fixtures.likesKey).flatMap { Int($0) } ?? 0
        let server = try await ChorusServer.start(
            environment: stack.environment, arguments: Self.arguments, niceness: FaultStack.niceness)
        let load = FaultLoad(server: server, fixtures: fixtures)
        let expected: [String: JSON]
        do {
            expected = try await Self.baseline(load)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }

        let running = Task { await load.run() }
        let timeline: Result<Timeline, any Error>
        do {
            timeline = .success(try await Self.impose(outage, on: stack, during: load, restoring: snapshot))
        } catch {
            timeline = .failure(error)
        }
        load.stop()
        await running.value
        let checks: OutageChecks
        switch timeline {
        case .success(let timeline):
            checks = OutageChecks(outage: outage, timeline: timeline, load: load, expected: expected)
        case .failure(let error):
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }

        checks.answers()
        checks.reads()
        checks.health()
        checks.writes()
        do {
            try await checks.noLostWrite(stack, likesBefore: likesBefore)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await Self.stillRunningThenStops(server))
        checks.summary()
    }

    /// Every probe once, with every store up: complete answers, which the load's are compared with.
    static func baseline(_ load: FaultLoad) async throws -> [String: JSON] {
        // First, as many requests at once as there are readers, answers unchecked: a fresh
        // gateway opens its pooled connections now rather than under the load's first wave.
        await withTaskGroup(of: Void.self) { group in
            for probe in load.probes + load.probes + load.probes {
                group.addTask {
                    let server = load.server
                    _ = try? await server.send(server.graphQLRequest(probe.query, variables: probe.variables.dictionary))
                }
            }
        }
        var expected: [String: JSON] = [:]
        for probe in load.probes {
            let (status, _, data) = try await load.server.send(
                load.server.graphQLRequest(probe.query, variables: probe.variables.dictionary))
            let body = try JSONDecoder().decode(JSON.self, from: data)
            try #require(status == 200 && body["errors"] == nil, "baseline \(probe.name): \(body)")
            expected[probe.name] = body["data"]
        }
        return expected
    }

    /// 1.5 s of load, the outage, the store back, 4 s more; returns when each happened.
    static func impose(_ outage: Outage, on stack: FaultStack, during load: FaultLoad, restoring snapshot: MongoSnapshot?)
        async throws -> Timeline
    {
        var timeline = Timeline()
        try await Task.sleep(for: .milliseconds(1_500))
        timeline.downBegin = load.now()
        try await outage.begin(stack)
        timeline.downDone = load.now()
        var isDown = true
        do {
            try await Task.sleep(for: outage.length)
            timeline.upBegin = load.now()
            timeline.restartedAt = Date()
            // The stand-in comes back before its documents do: no write may meet it half restored.
            if snapshot != nil { try await load.pauseWriters() }
            try await outage.end(stack)
            isDown = false
            if let snapshot {
                timeline.storeKeptItsData = try await snapshot.restore(
                    into: stack.mongo, leavingOut: load.fixtures.scheduledPatients)
                load.resumeWriters()
            }
            timeline.upDone = load.now()
        } catch {
            if isDown { try? await outage.end(stack) }
            load.resumeWriters()
            throw error
        }
        try await Task.sleep(for: .seconds(4))
        return timeline
    }

    /// PostgreSQL's pool of 2, with every connection held by statements waiting on a lock:
    /// calls beyond it wait `--pool-wait` (300 ms) and fail with `STORE_UNAVAILABLE`, instead of
    /// queueing until the budget runs out; MongoDB's fields are served meanwhile; and when the
    /// lock goes, the same burst is served in full. Without the lock, a burst larger than the
    /// pool queues and is served in full too.
    @Test func anExhaustedPoolQueuesThenFailsFast() async throws {
        let stack = try #require(FaultStack.current)
        let fixtures = try await FaultFixtures.pick(stack)
        let server = try await ChorusServer.start(
            environment: stack.environment,
            arguments: ["--rate-limit", "0", "--request-timeout", "3000", "--store-timeout", "1000",
                        "--postgres-pool", "2", "--pool-wait", "300"],
            niceness: FaultStack.niceness)
        let query = "query($id: ID!, $post: ID!) { consultation(id: $id) { id status } post(id: $post) { id title } }"
        let variables: JSON = .object([
            "id": .string(fixtures.cancelledConsultation.uuidString), "post": .string(fixtures.readPost),
        ])
        let burst = 16
        do {
            let expected = try #require(await Self.burst(1, query, variables, server).first?.data)
            try #require(expected["consultation"]?["status"] == .string("CANCELLED"))

            // Sixteen at once through two connections: they queue, and all are served.
            let queued = await Self.burst(burst, query, variables, server)
            #expect(queued.filter { $0.status == 200 && $0.data == expected }.count == burst, "\(queued.map(\.timing))")

            // Every connection stuck behind a lock for 2.5 s.
            let locked = Mutex(false)
            let lock = Task {
                try await stack.postgres.withTransaction(timeout: .seconds(10)) { transaction in
                    try await transaction.execute(unsafeSQL: "LOCK TABLE consultations IN ACCESS EXCLUSIVE MODE")
                    locked.withLock { $0 = true }
                    try await Task.sleep(for: .milliseconds(2_500))
                }
            }
            while !locked.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            let exhausted = await Self.burst(burst, query, variables, server)
            try await lock.value

            let failures = exhausted.map { exchange in exchange.errors }
            #expect(exhausted.allSatisfy { $0.status == 294 }, "\(exhausted.map { $0.status ?? 0 })")
            // Those that queued past the pool wait are told PostgreSQL is busy; those holding a
            // connection, that it did not answer in time.
            let busy = "consultation: STORE_UNAVAILABLE postgresql The PostgreSQL store is busy: no connection came free in time; try again shortly."
            let timedOut = "consultation: STORE_UNAVAILABLE postgresql The PostgreSQL store did not answer in time; try again shortly."
            #expect(
                failures.allSatisfy { errors in
                    errors.map(\.description) == [busy] || errors.map(\.description) == [timedOut]
                }, "\(failures)")
            #expect(failures.filter { $0.map(\.description) == [busy] }.count >= burst - 4, "\(failures)")
            // MongoDB's field is served all the same.
            #expect(exhausted.allSatisfy { $0.data["post"] == expected["post"] && $0.data["consultation"] == .null })
            // The two holding connections fail at the store timeout (1 s); the others do not
            // wait for them: they fail once the pool wait (0.3 s) is over. A request that
            // reached the pool late may get a connection freed at 1 s and wait on the lock
            // again, hence up to two more.
            let fast = exhausted.filter { $0.duration < 0.3 + 0.5 }
            let slow = exhausted.filter { $0.duration >= 0.3 + 0.5 }
            #expect(slow.count >= 2 && slow.count <= 4, "\(exhausted.map(\.timing))")
            #expect(fast.allSatisfy { $0.duration >= 0.3 - 0.05 }, "\(fast.map(\.timing))")
            #expect(slow.allSatisfy { $0.duration < 2.0 + 1.5 }, "\(slow.map(\.timing))")

            // The lock gone, the same burst is served in full.
            let recovered = await Self.burst(burst, query, variables, server)
            #expect(
                recovered.filter { $0.status == 200 && $0.data == expected }.count == burst, "\(recovered.map(\.timing))")
            #expect(try await server.get("/health").0 == 200)
            print(
                "StoreFaultTests: pool of 2, \(burst) requests at once: queued in \(Self.longest(queued)), "
                    + "exhausted: \(fast.count) failed in \(Self.longest(fast)), \(slow.count) in \(Self.longest(slow)); "
                    + "after: \(Self.longest(recovered))")
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await Self.stillRunningThenStops(server))
    }

    /// Whether `chorus serve` is still running (it did not crash) and then exits 0 on SIGTERM.
    static func stillRunningThenStops(_ server: ChorusServer) async throws -> Bool {
        var status: Int32 = 0
        guard waitpid(server.pid, &status, WNOHANG) == 0 else {
            Issue.record("chorus serve exited during the test (wait status \(status)); its log: \(server.log)")
            return false
        }
        let exit = try await server.stop()
        if exit != 0 { Issue.record("chorus serve exited with \(exit) on SIGTERM; its log: \(server.log)") }
        return exit == 0
    }

    /// `count` requests sent at once, each timed from its own start.
    static func burst(_ count: Int, _ query: String, _ variables: JSON, _ server: ChorusServer) async
        -> [Exchange<Void>]
    {
        await withTaskGroup(of: Exchange<Void>.self) { group in
            let origin = ContinuousClock.now
            for _ in 0..<count {
                group.addTask {
                    await Exchange.send((), query, variables: variables, to: server, clock: { seconds(since: origin) })
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    static func longest(_ exchanges: [Exchange<Void>]) -> String {
        String(format: "≤ %.2f s", exchanges.map(\.duration).max() ?? 0)
    }
}
