import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The bounded load the fault tests run against `chorus serve` while a store fails: readers
/// looping over queries whose fields come from known stores, a writer cycling through
/// mutations of every store, a completer finishing consultations (the outbox), and a `/health`
/// poller. Every exchange is recorded with when it was sent and answered, in seconds since the
/// load was made (`now()`), so the checks can tell what happened before, during and after the
/// outage.
final class FaultLoad: Sendable {
    let server: ChorusServer
    let fixtures: FaultFixtures
    let probes: [ReadProbe]
    private let origin = ContinuousClock.now
    private let state = Mutex(State())
    /// Longer than any bound the checks allow: a request still unanswered then is recorded as
    /// having no answer, instead of holding the test up.
    static let clientTimeout: TimeInterval = 10
    static let readers = 8

    private struct State {
        var stopped = false
        var writersPaused = false
        var writesInFlight = 0
        var reads: [Exchange<ReadProbe>] = []
        var writes: [Exchange<FaultMutation>] = []
        var health: [Exchange<Void>] = []
    }

    init(server: ChorusServer, fixtures: FaultFixtures) {
        self.server = server
        self.fixtures = fixtures
        probes = ReadProbe.all(fixtures)
    }

    /// Seconds since the load was made: the clock of every exchange and of the `Timeline`.
    func now() -> Double { seconds(since: origin) }

    var reads: [Exchange<ReadProbe>] { state.withLock { $0.reads } }
    var writes: [Exchange<FaultMutation>] { state.withLock { $0.writes } }
    var health: [Exchange<Void>] { state.withLock { $0.health } }

    /// Runs until `stop()`.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for reader in 0..<Self.readers { group.addTask { await self.read(as: reader) } }
            group.addTask { await self.write() }
            group.addTask { await self.complete() }
            group.addTask { await self.pollHealth() }
        }
    }

    func stop() { state.withLock { $0.stopped = true } }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    /// Holds the writers back and waits until no mutation is in flight (while the test puts a
    /// store back in order); `resumeWriters()` lets them go on.
    func pauseWriters() async throws {
        state.withLock { $0.writersPaused = true }
        while state.withLock({ $0.writesInFlight > 0 }) { try await Task.sleep(for: .milliseconds(20)) }
    }

    func resumeWriters() { state.withLock { $0.writersPaused = false } }

    // MARK: - Clients

    private func read(as reader: Int) async {
        var turn = reader
        while !isStopped {
            let probe = probes[turn % probes.count]
            turn += 1
            let exchange = await send(probe, probe.query, variables: probe.variables)
            state.withLock { $0.reads.append(exchange) }
            // About 15 requests a second in all: the Python stand-in answers some 30 of its
            // heavier reads a second, and the load must not make MongoDB slow by itself.
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Books, signs up a doctor and comments in turn, with a like after each.
    private func write() async {
        var number = 0
        while !isStopped {
            let mutation: FaultMutation =
                switch number % 6 {
                case 0: .book(patient: fixtures.patient, doctor: fixtures.doctor, at: fixtures.bookingTime(number))
                case 2:
                    .createDoctor(
                        email: "fault-\(fixtures.tag)-\(number)@example.com", license: "FAULT-\(fixtures.tag)-\(number)")
                case 4:
                    .comment(post: fixtures.writePost, author: fixtures.patient, body: "Fault test \(fixtures.tag) #\(number)")
                default: .like(post: fixtures.writePost, liker: UUID())
                }
            number += 1
            await mutate(mutation)
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Completes the fixtures' scheduled consultations, one every 500 ms.
    private func complete() async {
        for (number, consultation) in fixtures.scheduled.enumerated() where !isStopped {
            await mutate(.complete(consultation, diagnosis: "Fault test \(fixtures.tag) #\(number)"))
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    private func mutate(_ mutation: FaultMutation) async {
        while state.withLock({ state in
            if state.writersPaused || state.stopped { return true }
            state.writesInFlight += 1
            return false
        }) {
            if isStopped { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let exchange = await send(mutation, mutation.document, variables: mutation.variables, token: mutation.token)
        state.withLock {
            $0.writes.append(exchange)
            $0.writesInFlight -= 1
        }
    }

    /// A `/health` request every 300 ms, each on its own: a probe of a frozen store takes
    /// seconds, and the samples must not wait for one another.
    private func pollHealth() async {
        await withTaskGroup(of: Void.self) { group in
            while !isStopped {
                group.addTask {
                    let sent = self.now()
                    var exchange = Exchange<Void>(request: (), sent: sent, answered: sent)
                    do {
                        let (status, _, data) = try await self.server.get("/health", timeout: Self.clientTimeout)
                        exchange.status = status
                        exchange.body = try? JSONDecoder().decode(JSON.self, from: data)
                    } catch {
                        exchange.failure = "\(error)"
                    }
                    exchange.answered = self.now()
                    self.state.withLock { $0.health.append(exchange) }
                }
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
    }

    private func send<Request: Sendable>(
        _ request: Request, _ query: String, variables: JSON, token: String = ChorusServer.adminToken
    ) async -> Exchange<Request> {
        await Exchange.send(request, query, variables: variables, token: token, to: server, clock: now)
    }
}

/// One request and its answer. `status` nil: no HTTP answer (`failure` says why).
struct Exchange<Request: Sendable>: Sendable {
    var request: Request
    var sent: Double
    var answered: Double
    var status: Int?
    var body: JSON?
    var failure: String?

    var duration: Double { answered - sent }
    var data: JSON { body?["data"] ?? .null }
    var errors: [GraphQLFailure] { (body?["errors"]?.array ?? []).map(GraphQLFailure.init) }

    /// Sent after `start` and answered before `end`: wholly inside that span.
    func within(_ start: Double, _ end: Double) -> Bool { sent >= start && answered <= end }

    /// When it was sent and how long it took, for failure messages.
    var timing: String { String(format: "sent at %.2f s, answered in %.2f s", sent, duration) }
}

extension Exchange {
    /// Sends `query` to `server` and records what came back (or why nothing did), with the
    /// times it was sent and answered read from `clock`.
    static func send(
        _ request: Request, _ query: String, variables: JSON, token: String = ChorusServer.adminToken,
        to server: ChorusServer, clock: () -> Double
    ) async -> Exchange {
        let sent = clock()
        var exchange = Exchange(request: request, sent: sent, answered: sent)
        do {
            let (status, _, data) = try await server.send(
                server.graphQLRequest(query, variables: variables.dictionary, token: token, timeout: FaultLoad.clientTimeout))
            exchange.status = status
            exchange.body = try JSONDecoder().decode(JSON.self, from: data)
        } catch {
            exchange.failure = "\(error)"
        }
        exchange.answered = clock()
        return exchange
    }
}

/// Seconds from `origin` to now.
func seconds(since origin: ContinuousClock.Instant) -> Double {
    let elapsed = origin.duration(to: .now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// An entry of a response's `errors`.
struct GraphQLFailure: Sendable, Equatable, CustomStringConvertible {
    var message: String
    /// Response keys and list indexes, as strings.
    var path: [String]
    var code: String?
    var store: String?

    init(_ error: JSON) {
        message = error["message"]?.string ?? ""
        path = (error["path"]?.array ?? []).map { $0.string ?? $0.number.map { String(Int($0)) } ?? "?" }
        code = error["extensions"]?["code"]?.string
        store = error["extensions"]?["store"]?.string
    }

    var description: String { "\(path.joined(separator: ".")): \(code ?? "no code") \(store ?? "") \(message)" }
}

/// A JSON value that can be compared: response bodies and variables.
enum JSON: Sendable, Equatable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var array: [JSON]? { if case .array(let value) = self { value } else { nil } }
    var isNull: Bool { self == .null }

    /// The value at `path` (response keys and list indexes), nil when there is none.
    func at(_ path: [String]) -> JSON? {
        guard let first = path.first else { return self }
        switch self {
        case .object(let members): return members[first]?.at(Array(path.dropFirst()))
        case .array(let items):
            guard let index = Int(first), items.indices.contains(index) else { return nil }
            return items[index].at(Array(path.dropFirst()))
        default: return nil
        }
    }

    /// An object's members as Foundation values (for `JSONSerialization`); empty for anything else.
    var dictionary: [String: Any] { (foundation as? [String: Any]) ?? [:] }

    private var foundation: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let value): value.map(\.foundation)
        case .object(let value): value.mapValues(\.foundation)
        }
    }

    var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }
}
