import Foundation
import Gateway
import Testing

/// Requests per client are limited through Redis: over the limit, `429` with `Retry-After`
/// and a `RATE_LIMITED` error; other clients are not affected.
struct RateLimitTests {
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
