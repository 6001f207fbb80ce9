import Synchronization
import Testing

@testable import Batching

/// A batch function that records nothing itself (the loader records its batches) and
/// answers each key with its double, failing for negative keys.
@Sendable func doubling(_ keys: [Int]) async throws -> [Int: Result<Int, any Error>] {
    var results: [Int: Result<Int, any Error>] = [:]
    for key in keys {
        results[key] = key < 0 ? .failure(TestError.negative(key)) : .success(key * 2)
    }
    return results
}

enum TestError: Error, Equatable {
    case negative(Int)
    case batchFailed
}

@Suite struct DataLoaderTests {
    @Test func keysAskedBeforeDispatchGoOutAsOneBatchWithoutDuplicates() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let pendings = [3, 1, 3, 2, 1].map(loader.load)
        #expect(pendings.allSatisfy { !$0.isResolved })
        await scheduler.dispatch()
        #expect(loader.batches == [[3, 1, 2]])
        #expect(try pendings.map { try $0.result!.get() } == [6, 2, 6, 4, 2])
        #expect(scheduler.batchCount == 1)
    }

    @Test func cachedKeysAreNotFetchedAgain() async {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        _ = loader.load(1)
        await scheduler.dispatch()
        let again = loader.load(1)
        #expect(again.isResolved)
        _ = loader.load(2)
        await scheduler.dispatch()
        #expect(loader.batches == [[1], [2]])
    }

    @Test func aKeyCanFailAlone() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let good = loader.load(1)
        let bad = loader.load(-1)
        await scheduler.dispatch()
        #expect(try good.result?.get() == 2)
        #expect(throws: TestError.negative(-1)) { try bad.result?.get() }
    }

    @Test func aMissingKeyFailsClearly() async {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { _ in [:] }
        let pending = loader.load(7)
        await scheduler.dispatch()
        #expect(throws: DataLoaderError.missingKey("7")) { try pending.result?.get() }
    }

    @Test func aFailedBatchIsNotCached() async throws {
        let attempts = Mutex(0)
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler) { keys in
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt == 1 { throw TestError.batchFailed }
            return try await doubling(keys)
        }
        let first = loader.load(5)
        await scheduler.dispatch()
        #expect(throws: TestError.batchFailed) { try first.result?.get() }
        let second = loader.load(5)
        await scheduler.dispatch()
        #expect(try second.result?.get() == 10)
        #expect(loader.batches == [[5], [5]])
    }

    @Test func chainedLoadsTakeOneBatchPerStep() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let chained = (1...100).map { key in loader.load(key).flatMap { loader.load($0 + 1000) } }
        await scheduler.dispatch()
        #expect(loader.batches.count == 2)
        #expect(loader.batches[0] == Array(1...100))
        #expect(try chained.map { try $0.result!.get() } == (1...100).map { ($0 * 2 + 1000) * 2 })
    }

    /// Asynchronous work that awaits loads is batched too: the scheduler waits until every
    /// task has parked before it sends anything.
    @Test func asyncWorkIsBatchedByQuiescence() async throws {
        let scheduler = BatchScheduler()
        let users = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let posts = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let results = (1...50).map { id in
            scheduler.run {
                await Task.yield()
                let user = try await users.value(for: id)
                let post = try await posts.value(for: user + 1)
                return post
            }
        }
        await scheduler.dispatch()
        // Concurrent tasks queue their keys in whatever order they run: one batch holding
        // each key once is the contract, not the order inside it.
        #expect(users.batches.count == 1)
        #expect(users.batches.first?.count == 50)
        #expect(Set(users.batches.first ?? []) == Set(1...50))
        #expect(posts.batches.count == 1)
        #expect(Set(posts.batches[0]) == Set((1...50).map { $0 * 2 + 1 }))
        #expect(try results.map { try $0.result!.get() } == (1...50).map { ($0 * 2 + 1) * 2 })
    }

    @Test func loadManyKeepsOrder() async throws {
        let scheduler = BatchScheduler()
        let loader = DataLoader<Int, Int>(scheduler: scheduler, batch: doubling)
        let many = loader.loadMany([4, 2, 4])
        let none = loader.loadMany([])
        await scheduler.dispatch()
        #expect(try many.result?.get() == [8, 4, 8])
        #expect(try none.result?.get() == [])
        #expect(loader.batches == [[4, 2]])
    }
}
