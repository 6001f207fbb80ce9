import Foundation
import GraphQLExecution
import GraphQLSchema
import Testing

@testable import Gateway

/// Mutations delete the Redis entries they make stale, so the next read is fresh.
///
/// No mutation of the schema changes a user or doctor row once written (there is no update
/// of either yet), so the cached entry a mutation makes stale is an analytics result: the
/// platform totals, which every write that adds a user, consultation, post or comment changes.
struct MutationCacheTests {
    @Test("a cached read, then a mutation: the next read comes from the stores")
    func createUserInvalidatesTotals() async throws {
        let gateway = try await MutationFixtures.shared()
        let key = CacheKey.analytics("totals")
        let read = "{ analytics { totals { users } } }"
        // A read fills the cache after answering, in the background. The cached copy is then
        // made recognisably stale: a read that uses it says -7. (Other tests' mutations may
        // delete the entry meanwhile: then read, cache and try again.)
        var servedFromCache = false
        for _ in 0..<20 where !servedFromCache {
            _ = try await MutationFixtures.execute(gateway, read)
            _ = try await MutationFixtures.eventually(timeout: .seconds(2)) { try await gateway.stores.redis.get(key) != nil }
            guard let cached = try await gateway.stores.redis.get(key) else { continue }
            try await gateway.stores.redis.set(
                key, to: cached.replacingOccurrences(of: #""users":"#, with: #""users":-7,"ignored":"#), expiry: .seconds(60))
            let stale = try await MutationFixtures.execute(gateway, read)
            servedFromCache = stale.data?[field: "analytics"]?[field: "totals"]?[field: "users"] == .int(-7)
        }
        #expect(servedFromCache)

        let created = try await MutationFixtures.execute(
            gateway, "mutation ($email: String!) { createUser(input: {email: $email, role: PATIENT}) { id } }",
            #"{"email": "\#(MutationFixtures.uniqueEmail())"}"#)
        #expect(created.errors.isEmpty, "\(created.errors)")

        let fresh = try await MutationFixtures.execute(gateway, read)
        guard case .int(let users)? = fresh.data?[field: "analytics"]?[field: "totals"]?[field: "users"] else {
            Issue.record("no totals in \(fresh)")
            return
        }
        #expect(users > 0)
    }
}
