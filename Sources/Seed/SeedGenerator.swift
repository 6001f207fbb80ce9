import Foundation
import MongoClient
import PostgresClient

/// The deterministic data set for a size and a seed, produced batch by batch.
///
/// Everything comes from one SplitMix64 stream consumed in a fixed order (people, then each
/// patient's consultations and medical record, then posts and their comments), and every time
/// is an offset from `referenceDate`, never the clock: the same size and seed give the same
/// rows and documents, UUIDs included, on every run and machine. Batches are bounded (about
/// 20,000 consultations or 1,000 posts each), so memory stays flat for the large size; only
/// the people (ids, fees) are kept for the whole run.
///
/// Ids in MongoDB are the PostgreSQL UUIDs as lowercase strings (`patientId`, `doctorId`,
/// `consultationId`, `authorId`), and `_id`s are UUID strings too.
public struct SeedGenerator: Sequence, IteratorProtocol {
    /// "Now" for the data set: 2026-01-01T00:00:00Z. Consultations span the 21 months before
    /// it (past statuses) and the 3 months after it (SCHEDULED).
    public static let referenceDate = Date(timeIntervalSince1970: 1_767_225_600)

    public let size: SeedSize
    public let seed: UInt64
    public let counts: SeedCounts

    struct Person {
        let id: UUID
        let createdAt: Int64
    }
    struct Doctor {
        let id: UUID
        let fee: Int
    }

    var random: SplitMix64
    var people: [Person] = []
    var doctors: [Doctor] = []
    /// Consultations per patient, summing to `counts.consultations` exactly.
    var consultationsPerPatient: [Int] = []
    private var phase = Phase.users(next: 0)

    enum Phase {
        case users(next: Int)
        case doctors(next: Int)
        case consultations(nextPatient: Int)
        case posts(next: Int)
        case done
    }

    static let userBatchSize = 20_000
    static let consultationBatchSize = 20_000
    static let recordBatchSize = 2_000
    static let postBatchSize = 1_000
    static let day: Int64 = 86_400

    public init(size: SeedSize, seed: UInt64) {
        self.size = size
        self.seed = seed
        counts = size.counts
        // Mixing the size in keeps small and large from sharing their first draws.
        random = SplitMix64(seed: seed ^ (size == .small ? 0x736D_616C_6C : 0x6C61_7267_65))
        people.reserveCapacity(counts.users)
        for _ in 0..<counts.users {
            let createdAt = Self.reference - 3 * 365 * Self.day + Int64(random.int(below: 365 * 86_400))
            people.append(Person(id: random.uuid(), createdAt: createdAt))
        }
        consultationsPerPatient = Array(repeating: 0, count: counts.patients)
        for _ in 0..<counts.consultations {
            consultationsPerPatient[random.int(below: counts.patients)] += 1
        }
    }

    public mutating func next() -> SeedBatch? {
        switch phase {
        case .users(let start):
            let end = Swift.min(start + Self.userBatchSize, counts.users)
            var rows = TableRows(table: "users", columns: SeedTarget.userColumns, rows: [])
            rows.rows.reserveCapacity(end - start)
            for index in start..<end { rows.rows.append(userRow(index)) }
            phase = end == counts.users ? .doctors(next: 0) : .users(next: end)
            return SeedBatch(tables: [rows])
        case .doctors(let start):
            let end = Swift.min(start + Self.userBatchSize, counts.doctors)
            var rows = TableRows(table: "doctors", columns: SeedTarget.doctorColumns, rows: [])
            for index in start..<end { rows.rows.append(doctorRow(index)) }
            phase = end == counts.doctors ? .consultations(nextPatient: 0) : .doctors(next: end)
            return SeedBatch(tables: [rows])
        case .consultations(let start):
            var end = start
            var total = 0
            while end < counts.patients, end - start < Self.recordBatchSize, total < Self.consultationBatchSize {
                total += consultationsPerPatient[end]
                end += 1
            }
            phase = end == counts.patients ? .posts(next: 0) : .consultations(nextPatient: end)
            return consultationBatch(patients: start..<end)
        case .posts(let start):
            guard start < counts.posts else {
                phase = .done
                return nil
            }
            let end = Swift.min(start + Self.postBatchSize, counts.posts)
            phase = .posts(next: end)
            return postBatch(posts: start..<end)
        case .done:
            return nil
        }
    }

    // MARK: - People

    static let reference = Int64(referenceDate.timeIntervalSince1970)

    var firstDoctor: Int { counts.admins }
    var firstPatient: Int { counts.admins + counts.doctors }

    func role(of index: Int) -> String {
        index < firstDoctor ? "ADMIN" : index < firstPatient ? "DOCTOR" : "PATIENT"
    }

    private mutating func userRow(_ index: Int) -> [PostgresValue] {
        let person = people[index]
        let first = random.pick(Vocabulary.firstNames)
        let last = random.pick(Vocabulary.lastNames)
        // The index makes the address unique; the names make it look like one.
        let email = "\(first).\(last).\(index + 1)@\(random.pick(Vocabulary.emailDomains))".lowercased()
        let phone: PostgresValue = random.chance(0.9)
            ? .text(String(format: "+33 6 %02d %02d %02d %02d", random.int(below: 100), random.int(below: 100),
                           random.int(below: 100), random.int(below: 100)))
            : .null
        let updatedAt = person.createdAt + Int64(random.int(below: 180 * 86_400))
        return [.uuid(person.id), .text(email), phone, .text(role(of: index)),
                Self.timestamp(person.createdAt), Self.timestamp(updatedAt)]
    }

    private mutating func doctorRow(_ index: Int) -> [PostgresValue] {
        let person = people[firstDoctor + index]
        let specialty = random.pick(Vocabulary.specialties)
        // Typical fee ±40 %, rounded to 5 euros.
        let fee = Swift.max(500, (specialty.fee * random.int(in: 60...140) / 100) / 500 * 500)
        doctors.append(Doctor(id: person.id, fee: fee))
        let license = random.pick(Vocabulary.licenseRegions) + "-" + String(format: "%06d", index + 1)
        return [.uuid(person.id), .text(specialty.name), .text(license), .int32(Int32(fee)),
                .bool(random.chance(0.9)), Self.timestamp(person.createdAt),
                Self.timestamp(person.createdAt + Int64(random.int(below: 90 * 86_400)))]
    }

    static func timestamp(_ seconds: Int64) -> PostgresValue { .timestamptz(date(seconds)) }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func bsonDate(_ seconds: Int64) -> BSONValue { .date(date(seconds)) }
    static func id(_ uuid: UUID) -> BSONValue { .string(uuid.uuidString.lowercased()) }
}
