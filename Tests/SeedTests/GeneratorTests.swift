import Foundation
import MongoClient
import PostgresClient
import Seed
import Testing

/// The generator alone: no servers.
@Suite struct GeneratorTests {
    @Test func sameSeedGivesTheSameDataAndAnotherSeedDoesNot() {
        let first = Digest(SeedGenerator(size: .small, seed: 42))
        let again = Digest(SeedGenerator(size: .small, seed: 42))
        let other = Digest(SeedGenerator(size: .small, seed: 43))
        #expect(first.value == again.value)
        #expect(first.items == again.items)
        #expect(first.value != other.value)
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // The first outputs of Vigna's splitmix64.c for seed 0.
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()]
            == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func smallDataSetHasTheAdvertisedShape() throws {
        let counts = SeedSize.small.counts
        var rows: [String: [[PostgresValue]]] = [:]
        var documents: [String: [BSONDocument]] = [:]
        for batch in SeedGenerator(size: .small, seed: 1) {
            for table in batch.tables { rows[table.table, default: []] += table.rows }
            for collection in batch.collections { documents[collection.collection, default: []] += collection.documents }
        }
        #expect(rows["users"]?.count == counts.users)
        #expect(rows["doctors"]?.count == counts.doctors)
        #expect(rows["consultations"]?.count == counts.consultations)
        #expect(documents["medical_records"]?.count == counts.patients)
        #expect(documents["posts"]?.count == counts.posts)

        let emails = (rows["users"] ?? []).map { $0[1] }
        #expect(Set(emails).count == emails.count)
        let roles = Set((rows["users"] ?? []).map { $0[3] })
        #expect(roles == [.text("PATIENT"), .text("DOCTOR"), .text("ADMIN")])
        let licenses = (rows["doctors"] ?? []).map { $0[2] }
        #expect(Set(licenses).count == licenses.count)
        let slugs = (documents["posts"] ?? []).compactMap { $0["slug"]?.stringValue }
        #expect(Set(slugs).count == counts.posts)

        let consultations = rows["consultations"] ?? []
        #expect(Set(consultations.map { $0[4] }) == [.text("SCHEDULED"), .text("COMPLETED"), .text("CANCELLED"), .text("NO_SHOW")])
        for consultation in consultations {
            let scheduledAt = try #require(Self.date(consultation[3]))
            if consultation[4] == .text("SCHEDULED") { #expect(scheduledAt > SeedGenerator.referenceDate) }
        }
        let completed = consultations.filter { $0[4] == .text("COMPLETED") }.map { Self.id($0[0]) }
        let entries = (documents["medical_records"] ?? []).flatMap { record in
            (record["consultations"]?.arrayValue ?? []).compactMap { $0.documentValue?["consultationId"]?.stringValue }
        }
        #expect(entries.sorted() == completed.sorted())
        #expect(rows["payments"]?.count == completed.count)
    }

    static func date(_ value: PostgresValue) -> Date? {
        if case .timestamptz(let date) = value { date } else { nil }
    }

    static func id(_ value: PostgresValue) -> String {
        if case .uuid(let uuid) = value { uuid.uuidString.lowercased() } else { "" }
    }
}

/// FNV-1a over a canonical text of every row and document, in order.
struct Digest {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    private(set) var items = 0

    init(_ generator: SeedGenerator) {
        for batch in generator {
            for table in batch.tables {
                add(table.table)
                for row in table.rows { add(row.map(Self.canonical).joined(separator: "|")) }
            }
            for collection in batch.collections {
                add(collection.collection)
                for document in collection.documents { add("\(document)") }
            }
        }
    }

    private mutating func add(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        value = (value ^ 0x0A) &* 0x100_0000_01B3
        items += 1
    }

    /// Times by their exact bit pattern, so a sub-second difference shows.
    static func canonical(_ value: PostgresValue) -> String {
        if case .timestamptz(let date) = value { return "t\(date.timeIntervalSince1970.bitPattern)" }
        return "\(value)"
    }
}
