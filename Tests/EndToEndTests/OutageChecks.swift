import Foundation
import Gateway
import MongoClient
import PostgresClient
import RedisClient
import Testing

/// The checks of one outage run (`StoreFaultTests`), over what `FaultLoad` recorded.
///
/// Requests are classed by when they were sent and answered, never by when they were
/// expected to fail: one is *inside* the outage when it was sent after the fault was in place
/// and its store call cannot have reached the store before it came back (answered before that,
/// or sent early enough that the call's timeout ran out first). Whatever the class, every
/// answer must be one the outage explains.
struct OutageChecks {
    let outage: Outage
    let timeline: Timeline
    let load: FaultLoad
    /// The answer of each probe with every store up.
    let expected: [String: JSON]

    /// Every GraphQL answer arrives within the request budget (3 s) and 1.5 s of slack.
    static let bound = 3.0 + 1.5
    /// `/health` has no budget of its own: its probes time out after 2 s; and 1.5 s of slack.
    static let healthBound = 2.0 + 1.5
    /// Every request sent this long after the store is back is answered in full.
    static let recovery = 2.0

    /// What a client is told when the store is down (`unreachable`) or frozen (`timeout`, or
    /// `busy` once its calls hold every connection), and
    /// when the budget ran out before a call to it.
    private var explanations: Set<String> {
        [
            "The \(outage.storeName) store is unavailable; try again shortly.",
            // Frozen, its calls hold every pooled connection until they time out.
            "The \(outage.storeName) store is busy: no connection came free in time; try again shortly.",
            "The \(outage.storeName) store did not answer in time; try again shortly.",
            "The request used up its time budget of 3.0 s before its call to \(outage.storeName).",
        ]
    }

    /// Sent and answered while the store was away, so every call it made found the store gone.
    /// (Sent early is not enough: a query's levels call the stores one after another, and a
    /// call of a late level may find the store back.)
    private func isInside<Request>(_ exchange: Exchange<Request>) -> Bool {
        exchange.sent >= timeline.downDone && exchange.answered <= timeline.upBegin
    }

    /// Answered while an emptied stand-in was being given its documents back: its reads may
    /// find nothing, and only their errors are checked.
    private func isDuringRestore<Request>(_ exchange: Exchange<Request>) -> Bool {
        timeline.storeKeptItsData == false && exchange.answered > timeline.upBegin && exchange.sent < timeline.upDone
    }

    private func isRecovered<Request>(_ exchange: Exchange<Request>) -> Bool {
        exchange.sent >= timeline.upDone + Self.recovery
    }

    /// An error the outage explains: STORE_UNAVAILABLE, naming the store that is down.
    private func isExplained(_ error: GraphQLFailure) -> Bool {
        ["STORE_UNAVAILABLE", "REQUEST_TIMEOUT"].contains(error.code) && error.store == outage.store.rawValue
            && explanations.contains(error.message)
    }

    // MARK: - Every request answered, in time

    func answers() {
        let exchanges: [(String, Exchange<Void>)] =
            load.reads.map { ("read \($0.request.name)", $0.erased) }
            + load.writes.map { ("mutation \($0.request.field)", $0.erased) }
            + load.health.map { ("GET /health", $0) }
        let bound = { (name: String) in name == "GET /health" ? Self.healthBound : Self.bound }
        let unanswered = exchanges.filter { $0.1.status == nil }
        #expect(
            unanswered.isEmpty,
            """
            \(unanswered.count) requests got no HTTP answer, e.g. \
            \(unanswered.prefix(3).map { "\($0.0) \($0.1.timing): \($0.1.failure ?? "")" })
            """)
        let late = exchanges.filter { $0.1.status != nil && $0.1.duration > bound($0.0) }
        #expect(
            late.isEmpty,
            """
            \(late.count) answers took longer than \(Self.bound) s (\(Self.healthBound) s for /health): \
            \(late.prefix(5).map { "\($0.0) \($0.1.timing)" })
            """)
        #expect(
            load.reads.count > 50 && load.writes.count > 10 && load.health.count > 10,
            "a load too small to tell: \(load.reads.count) reads, \(load.writes.count) mutations")
    }

    // MARK: - Reads

    func reads() {
        var wrong: [String] = []
        var inside = 0
        var unserved: [String] = []
        for read in load.reads where read.status != nil {
            let probe = read.request
            let errors = read.errors
            let expected = expected[probe.name] ?? .null
            let describe = "\(probe.name) \(read.timing): \(read.body ?? .null)"
            let explained = errors.allSatisfy { isExplained($0) && readsTheDownStore(probe, at: $0.path) }
            if read.status != (errors.isEmpty ? 200 : 294) || !explained {
                wrong.append(describe)
            } else if !isDuringRestore(read),
                !Self.matches(read.data, expected, errorPaths: errors.map(\.path))
            {
                wrong.append(describe)
            }
            // The other stores' fields are served throughout.
            for path in probe.served[outage.store] ?? []
            where !isDuringRestore(read) && read.data.at(path) != expected.at(path) {
                wrong.append("\(path.joined(separator: ".")) not served: \(describe)")
            }
            if isInside(read) {
                inside += 1
                for path in probe.needs[outage.store] ?? [] {
                    let failed = (read.data.at(path) ?? .null).isNull && errors.contains { $0.path.starts(with: path) }
                    if !failed { unserved.append("\(path.joined(separator: ".")) in \(describe)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) answers the outage does not explain, e.g. \(wrong.prefix(3))")
        #expect(inside > 0, "no read was sent and answered while \(outage.storeName) was down")
        #expect(unserved.isEmpty, "fields served while \(outage.storeName) was down: \(unserved.prefix(3))")

        let after = load.reads.filter(isRecovered)
        let incomplete = after.filter { $0.status != 200 || !$0.errors.isEmpty || $0.data != expected[$0.request.name] }
        #expect(!after.isEmpty)
        #expect(
            incomplete.isEmpty,
            """
            \(incomplete.count) reads sent \(Self.recovery) s after the store came back were not answered in full, \
            e.g. \(incomplete.prefix(2).map { "\($0.timing): \($0.body ?? .null)" })
            """)
    }

    /// Whether `probe` reads the store that is down at `path` (or above it).
    private func readsTheDownStore(_ probe: ReadProbe, at path: [String]) -> Bool {
        probe.reads.contains { prefix, stores in path.starts(with: prefix) && stores.contains(outage.store) }
    }

    /// Whether `actual` is `expected` but for nulls an error explains: a null at an error's
    /// path or above it (a non-null field's null reaches its parent). `data` itself is never
    /// null: every root field that reads a store is nullable.
    static func matches(
        _ actual: JSON, _ expected: JSON, at path: [String] = [], errorPaths: [[String]]
    ) -> Bool {
        if actual == expected { return true }
        if actual.isNull, errorPaths.contains(where: { $0.starts(with: path) }) { return !path.isEmpty }
        switch (actual, expected) {
        case (.object(let actual), .object(let expected)):
            return actual.keys == expected.keys
                && actual.allSatisfy { key, value in
                    matches(value, expected[key]!, at: path + [key], errorPaths: errorPaths)
                }
        case (.array(let actual), .array(let expected)):
            return actual.count == expected.count
                && zip(actual, expected).enumerated().allSatisfy { index, pair in
                    matches(pair.0, pair.1, at: path + [String(index)], errorPaths: errorPaths)
                }
        default:
            return false
        }
    }

    // MARK: - /health

    func health() {
        var untrue: [String] = []
        for sample in load.health where sample.status != nil {
            let stores = sample.body?["stores"]?.array ?? []
            let names = stores.compactMap { $0["name"]?.string }
            let down = stores.filter { $0["status"] != .string("up") }.compactMap { $0["name"]?.string }
            let status = sample.body?["status"]
            let consistent =
                names == ["postgresql", "mongodb", "redis"]
                && (sample.status == 200
                    ? down.isEmpty && status == .string("up")
                    : sample.status == 503 && down == [outage.store.rawValue] && status == .string("down"))
            if !consistent { untrue.append("\(sample.timing): \(sample.status ?? 0) \(sample.body ?? .null)") }
        }
        #expect(untrue.isEmpty, "/health named another store, or its status and body disagree: \(untrue.prefix(3))")
        let before = load.health.filter { $0.answered <= timeline.downBegin }
        let during = load.health.filter { $0.within(timeline.downDone, timeline.upBegin) }
        let after = load.health.filter(isRecovered)
        #expect(!before.isEmpty && before.allSatisfy { $0.status == 200 }, "\(before.map { $0.status ?? 0 })")
        #expect(!during.isEmpty && during.allSatisfy { $0.status == 503 }, "\(during.map { $0.status ?? 0 })")
        #expect(!after.isEmpty && after.allSatisfy { $0.status == 200 }, "\(after.map { $0.status ?? 0 })")
    }

    // MARK: - Mutations

    func writes() {
        var wrong: [String] = []
        var notFailed: [String] = []
        var failed = 0
        var pending = 0
        for write in load.writes where write.status != nil {
            let mutation = write.request
            let errors = write.errors
            let payload = write.data[mutation.field] ?? .null
            let describe = "\(mutation.field) \(write.timing): \(write.body ?? .null)"
            if errors.isEmpty {
                let complete: Bool =
                    if case .complete = mutation {
                        ["APPLIED", "PENDING"].contains(payload["recordStatus"]?.string)
                            && payload["consultation"]?["status"] == .string("COMPLETED")
                    } else { !payload.isNull }
                if write.status != 200 || !complete { wrong.append(describe) }
                if case .complete = mutation, payload["recordStatus"] == .string("PENDING") { pending += 1 }
            } else {
                failed += 1
                // One error, the store's, and only for a mutation that cannot do without it.
                if write.status != 294 || !payload.isNull || errors.count != 1 || !isExplained(errors[0])
                    || !mutation.needs.contains(outage.store)
                {
                    wrong.append(describe)
                }
            }
            if isInside(write) {
                if mutation.needs.contains(outage.store), errors.isEmpty { notFailed.append(describe) }
                // Without MongoDB a completion is committed and left to the outbox.
                if case .complete = mutation, outage.store == .mongo, payload["recordStatus"] != .string("PENDING") {
                    notFailed.append(describe)
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) mutation answers the outage does not explain, e.g. \(wrong.prefix(3))")
        #expect(
            notFailed.isEmpty,
            "mutations that needed \(outage.storeName) went through while it was down: \(notFailed.prefix(3))")
        switch outage.store {
        case .mongo: #expect(pending > 0, "no completion was answered PENDING while MongoDB was down")
        case .postgres, .redis: #expect(failed > 0, "no mutation failed while \(outage.storeName) was down")
        }
    }

    // MARK: - No lost write

    /// Reads the stores directly, once the outbox has drained: every acknowledged write is
    /// there once, every failed one is wholly there or not at all.
    func noLostWrite(_ stack: FaultStack, likesBefore: Int) async throws {
        let postgres = stack.postgres
        // The outbox drains: every completion's event, PENDING ones included, reaches MongoDB.
        var pendingEvents = -1
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while pendingEvents != 0 && ContinuousClock.now < deadline {
            pendingEvents = try await postgres.query("SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL")[0]
                .decode(Int.self, "n")
            if pendingEvents != 0 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(pendingEvents == 0, "outbox events still pending 20 s after the load")

        // A MongoDB write acknowledged before the stand-in restarted empty is gone with it.
        let storeLostItsData = timeline.storeKeptItsData == false
        func mongoKept<Request>(_ write: Exchange<Request>) -> Bool {
            !storeLostItsData || write.sent >= timeline.upDone
        }

        var entries: [String: Int] = [:]
        // When each completion's event was applied (its outbox row processed).
        var applied: [UUID: Date] = [:]
        for row in try await postgres.query(
            """
            SELECT aggregate_id, processed_at FROM outbox
            WHERE processed_at IS NOT NULL AND processed_at > now() - interval '10 minutes'
            """)
        {
            applied[try row.decode(UUID.self, "aggregate_id")] = try row.decode(Date.self, "processed_at")
        }
        for record in try await stack.mongo.collection("medical_records").find(.all) {
            for entry in record["consultations"]?.arrayValue ?? [] {
                if let id = entry.documentValue?["consultationId"]?.stringValue { entries[id, default: 0] += 1 }
            }
        }
        let comments = try await stack.mongo.collection("comments").find(.eq("postId", .string(load.fixtures.writePost)))
        var bodies: [String: Int] = [:]
        for comment in comments { bodies[comment["body"]?.stringValue ?? "", default: 0] += 1 }

        var lost: [String] = []
        var halfDone: [String] = []
        func report(_ acknowledged: Bool, _ problem: String) {
            if acknowledged { lost.append(problem) } else { halfDone.append(problem) }
        }
        var likes = (acknowledged: 0, failed: 0, acknowledgedAfterRestart: 0, answeredAfterRestart: 0)
        for write in load.writes where write.status != nil {
            let ok = write.errors.isEmpty
            let inside = isInside(write)
            switch write.request {
            case .book(let patient, let doctor, let at):
                let n = try await postgres.query(
                    """
                    SELECT count(*) AS n FROM consultations WHERE patient_id = $1 AND doctor_id = $2
                      AND abs(extract(epoch FROM scheduled_at) - $3) < 0.0005
                    """, [.uuid(patient), .uuid(doctor), .float64(at.timeIntervalSince1970)])[0].decode(Int.self, "n")
                if ok ? n != 1 : n > (inside ? 0 : 1) { report(ok, "booking at \(at): \(n) rows") }
            case .createDoctor(let email, let license):
                let row = try await postgres.query(
                    """
                    SELECT (SELECT count(*) FROM users WHERE email = $1) AS users,
                           (SELECT count(*) FROM doctors WHERE license_number = $2) AS doctors
                    """, [.text(email), .text(license)])[0]
                let found = (try row.decode(Int.self, "users"), try row.decode(Int.self, "doctors"))
                if ok ? found != (1, 1) : !(found == (0, 0) || (!inside && found == (1, 1))) {
                    report(ok, "doctor \(email): \(found.0) users, \(found.1) profiles")
                }
            case .complete(let id, _):
                let status = try await postgres.query("SELECT status FROM consultations WHERE id = $1", [.uuid(id)])[0]
                    .decode(String.self, "status")
                let events = try await postgres.query(
                    "SELECT processed_at IS NOT NULL AS processed FROM outbox WHERE aggregate_id = $1", [.uuid(id)]
                ).map { try $0.decode(Bool.self, "processed") }
                let written = entries[id.uuidString.lowercased(), default: 0]
                // An entry written before the stand-in lost its data is gone with it.
                let entryKept = !storeLostItsData || (applied[id].map { $0 > timeline.restartedAt } ?? true)
                let whole = status == "COMPLETED" && events == [true] && (!entryKept || written == 1)
                let none = status == "SCHEDULED" && events.isEmpty && written == 0
                if ok ? !whole : !(none || (!inside && whole)) {
                    let answer = write.data["completeConsultation"]?["recordStatus"]?.string ?? "an error"
                    report(
                        ok, "completion of \(id) \(write.timing), answered \(answer): \(status), events \(events), "
                            + "\(written) entries")
                }
            case .comment(_, _, let body):
                let n = bodies[body, default: 0]
                // A comment whose insert timed out may land when a frozen server resumes; never twice.
                if ok ? (mongoKept(write) && n != 1) : n > (outage.store == .postgres ? 0 : 1) {
                    report(ok, "comment \(body): \(n) copies")
                }
            case .like:
                if ok { likes.acknowledged += 1 } else { likes.failed += 1 }
                if ok, write.sent >= timeline.upDone { likes.acknowledgedAfterRestart += 1 }
                if ok, write.answered >= timeline.upBegin { likes.answeredAfterRestart += 1 }
            }
        }
        let pendingApplied = load.writes.compactMap { write -> Date? in
            guard case .complete(let id, _) = write.request,
                write.data["completeConsultation"]?["recordStatus"] == .string("PENDING")
            else { return nil }
            return applied[id]
        }
        if let last = pendingApplied.max() {
            let after = last.timeIntervalSince(timeline.restartedAt)
            print(
                "StoreFaultTests: \(outage.testDescription): \(pendingApplied.count) PENDING completions, the last "
                    + String(format: "applied %.1f s after the store began to come back", after))
        }
        #expect(lost.isEmpty, "acknowledged writes missing: \(lost.prefix(5))")
        #expect(halfDone.isEmpty, "failed writes left half done or twice: \(halfDone.prefix(5))")

        // The post's stored comment count is never above its comments (one short at worst).
        let found = try await stack.mongo.collection("posts").findOne(.eq("_id", .string(load.fixtures.writePost)))
        let post = try #require(found)
        let counted = post["engagement"]?.documentValue?["comments"]?.intValue ?? 0
        #expect(counted <= comments.count, "the post counts \(counted) comments and has \(comments.count)")

        // Likes are live Redis counters: all there, unless Redis itself went away.
        let counter = try await stack.redis.get(load.fixtures.likesKey).flatMap { Int($0) } ?? 0
        switch (outage.store, outage.fault) {
        case (.redis, .stop):
            // The restarted server starts empty (no persistence): the likes after it are counted.
            #expect(
                (likes.acknowledgedAfterRestart...likes.answeredAfterRestart).contains(counter),
                "\(counter) likes, \(likes)")
        case (.redis, .freeze):
            // An increment that timed out may be applied when the server resumes.
            #expect(
                (likes.acknowledged...likes.acknowledged + likes.failed).contains(counter - likesBefore),
                "\(counter - likesBefore) likes counted, \(likes)")
        default:
            #expect(counter - likesBefore == likes.acknowledged, "\(counter - likesBefore) likes counted, \(likes)")
        }
    }

    // MARK: -

    /// One line for the log: what the load did and how long the answers took.
    func summary() {
        func longest<Request>(_ exchanges: [Exchange<Request>]) -> String {
            String(format: "%.2f s", exchanges.map(\.duration).max() ?? 0)
        }
        let lastIncomplete = load.reads
            .filter { $0.sent >= timeline.upDone && ($0.status != 200 || $0.data != expected[$0.request.name]) }
            .map(\.answered).max().map { String(format: "%.2f s", $0 - timeline.upDone) } ?? "at once"
        let slowestWrite = load.writes.max { $0.duration < $1.duration }.map { ", \($0.request.field)" } ?? ""
        print(
            "StoreFaultTests: \(outage.testDescription): \(load.reads.count) reads (longest \(longest(load.reads))), "
                + "\(load.writes.count) mutations (longest \(longest(load.writes))\(slowestWrite)), "
                + "\(load.health.count) /health "
                + "(longest \(longest(load.health))); complete again \(lastIncomplete) after the store was back"
                + (timeline.storeKeptItsData.map { "; the restarted store \($0 ? "kept" : "lost") its data" } ?? ""))
    }
}

extension Exchange {
    /// The same exchange with its request left out, to list exchanges of every kind together.
    var erased: Exchange<Void> {
        Exchange<Void>(request: (), sent: sent, answered: answered, status: status, body: body, failure: failure)
    }
}
