import Foundation
import Testing
@testable import MongoClient

/// The number BENCHMARKS.md asks for: one batched `{_id: {$in: [1,000 ids]}}` round trip.
/// `MONGO_BENCH_DOCUMENTS` sets the collection size (default 10,000).
@Suite("latency")
struct LatencyTests {
    @Test("batched find of 1,000 ids")
    func batchedFind() async throws {
        let pool = try TestServer.pool()
        let records = TestServer.scratchCollection(pool, "latency")
        let total = Int(ProcessInfo.processInfo.environment["MONGO_BENCH_DOCUMENTS"] ?? "") ?? 10_000
        let ids = (0..<total).map { _ in ObjectId() }
        let loadStart = ContinuousClock.now
        for chunk in stride(from: 0, to: total, by: 10_000) {
            try await records.insertMany(ids[chunk..<min(chunk + 10_000, total)].enumerated().map { offset, id in
                ["_id": .objectId(id), "patientId": .int64(Int64(chunk + offset)), "allergies": ["pollen"],
                 "consultations": [.document(["diagnosis": "flu", "date": .date(Date(timeIntervalSince1970: 1_700_000_000))])]]
            })
        }
        let loaded = ContinuousClock.now - loadStart
        var timings: [Duration] = []
        for round in 0..<11 {
            let wanted = (0..<1_000).map { BSONValue.objectId(ids[($0 * 7 + round * 1_000) % total]) }
            let start = ContinuousClock.now
            let found = try await records.find(.in("_id", wanted), options: FindOptions(batchSize: 1_000))
            timings.append(ContinuousClock.now - start)
            #expect(found.count == 1_000)
        }
        let median = timings.sorted()[timings.count / 2]
        var single: [Duration] = []
        for index in 0..<101 {
            let start = ContinuousClock.now
            let found = try await records.findOne(.eq("_id", .objectId(ids[index * 13 % total])))
            single.append(ContinuousClock.now - start)
            #expect(found != nil)
        }
        let singleMedian = single.sorted()[single.count / 2]
        print("mongo: inserted \(total) documents in \(loaded); batched find of 1,000 ids: median \(median) over \(timings.count) rounds; find by one id: median \(singleMedian)")
        try await records.drop()
        await pool.shutdown()
    }
}
