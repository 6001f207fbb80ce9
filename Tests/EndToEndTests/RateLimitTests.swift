import Foundation
import Gateway
import StoreTestSupport
import Testing

/// Requests per client are limited through Redis: over the limit, `429` with `Retry-After`
/// and a `RATE_LIMITED` error; other clients are not affected. Every operation counts, refused
/// ones included, and the limit holds with Redis frozen (each instance then counts alone).
struct RateLimitTests {
    /// The environment of a server limited in Redis database 6.
    static func environment() async throws -> [String: String] {
        try await HTTPEndToEndTests.seeded.value.merging(
            try ChorusServer.storeEnvironment(database: HTTPEndToEndTests.database, redisDatabase: 6)
                .filter { $0.key == "REDIS_URL" }
        ) { _, redis in redis }
    }

    /// Sends `body` (a JSON request or batch) as one client until it gets `429`, at most 12
    /// times, and returns the statuses before the first `429` and whether one came.
    static func untilLimited(_ server: ChorusServer, _ body: String, token: String) async throws -> ([Int], Bool) {
        var statuses: [Int] = []
        while statuses.count < 12 {
            var request = try server.graphQLRequest("", token: token)
            request.httpBody = Data(body.utf8)
            let (status, _, _) = try await server.send(request)
            if status == 429 { return (statuses, true) }
            statuses.append(status)
        }
        return (statuses, false)
    }

    /// Requests refused in parsing or validation count as much as answered ones. With a limit
    /// of 5, the sixth is the first `429` (the tenth at most, when a window ends among them).
    @Test(
        "refused requests count",
        arguments: [
            (#"{"query":"{"}"#, 400), (#"{"query":"{ nope }"}"#, 422),
            (#"{"query":"query { __typename }","operationName":"Missing"}"#, 422),
        ])
    func refusedRequestsCount(body: String, status: Int) async throws {
        let server = try await ChorusServer.start(environment: try await Self.environment(), arguments: ["--rate-limit", "5"])
        let token = try TokenAuthority(secret: TokenAuthority.developmentSecret).sign(user: UUID(), role: .patient)
        do {
            let (statuses, limited) = try await Self.untilLimited(server, body, token: token)
            #expect(limited)
            #expect((5...10).contains(statuses.count), "\(statuses)")
            #expect(Set(statuses) == [status])
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
    }

    /// Each operation of a batch counts: a batch of 5 spends a limit of 5.
    @Test func eachOperationOfABatchCounts() async throws {
        let server = try await ChorusServer.start(environment: try await Self.environment(), arguments: ["--rate-limit", "5"])
        let token = try TokenAuthority(secret: TokenAuthority.developmentSecret).sign(user: UUID(), role: .patient)
        do {
            let batch = "[" + Array(repeating: #"{"query":"{ __typename }"}"#, count: 5).joined(separator: ",") + "]"
            let (statuses, limited) = try await Self.untilLimited(server, batch, token: token)
            #expect(limited)
            // One batch, or two when a window ended after the first.
            #expect((1...2).contains(statuses.count), "\(statuses)")
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
    }

    /// With its Redis frozen (every call past its 100 ms timeout), an instance still limits:
    /// it counts in memory.
    @Test func theLimitHoldsWithRedisFrozen() async throws {
        guard let port = freePort(in: FaultStack.ports) else { throw ChorusServerError("no free port for Redis") }
        try await PrivateRedisServer.with(port: port) { redis in
            var environment = try await Self.environment()
            environment["REDIS_URL"] = redis.url(database: 0)
            let server = try await ChorusServer.start(environment: environment, arguments: ["--rate-limit", "5"])
            let token = try TokenAuthority(secret: TokenAuthority.developmentSecret).sign(user: UUID(), role: .patient)
            try redis.freeze()
            do {
                let (statuses, limited) = try await Self.untilLimited(
                    server, #"{"query":"{ __typename }"}"#, token: token)
                try redis.thaw()
                #expect(limited)
                #expect((5...10).contains(statuses.count), "\(statuses)")
                #expect(Set(statuses) == [200])
            } catch {
                try? redis.thaw()
                _ = try? await server.stop(signal: SIGKILL)
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test func overItsRateAClientGets429WithRetryAfter() async throws {
        let environment = try await HTTPEndToEndTests.seeded.value.merging(
            try ChorusServer.storeEnvironment(database: HTTPEndToEndTests.database, redisDatabase: 6)
                .filter { $0.key == "REDIS_URL" }
        ) { _, redis in redis }
        let server = try await ChorusServer.start(environment: environment, arguments: ["--rate-limit", "5"])
        let authority = try TokenAuthority(secret: TokenAuthority.developmentSecret)
        let first = authority.sign(user: UUID(), role: .patient)
        let second = authority.sign(user: UUID(), role: .patient)
        do {
            // Five answers, then 429. A one-minute window may end among these requests (the
            // count then starts again once), so the sixth to the eleventh may be the first 429.
            var answered = 0
            var limited: (status: Int, headers: [String: String], body: [String: Any])?
            while limited == nil && answered <= 10 {
                let response = try await server.graphQL("{ __typename }", token: first)
                if response.status == 429 { limited = response } else { #expect(response.status == 200); answered += 1 }
            }
            #expect((5...10).contains(answered))
            let response = try #require(limited)
            let retryAfter = try #require(response.headers["retry-after"].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            let errors = response.body["errors"] as? [[String: Any]]
            #expect(errors?.first?["message"] as? String == "Too many requests: try again in \(retryAfter) s.")
            #expect(errors?.first?["extensions"] as? [String: String] == ["code": "RATE_LIMITED"])
            #expect(response.body["data"] == nil)
            // Another client is counted on its own.
            #expect(try await server.graphQL("{ __typename }", token: second).status == 200)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
    }
}
