import Batching
import Foundation
import PostgresClient

/// One read from PostgreSQL, as a loader key.
enum PostgresRead: Hashable, Sendable {
    case user(UUID)
    case doctor(UUID)
    case consultation(UUID)
    /// A page of one party's consultations; the same arguments for every parent of a level.
    case consultations(ConsultationParty, UUID, ConsultationPageArguments)
    /// A patient's figures; with `doctor`, over that doctor's consultations with them only.
    case userAnalytics(UUID, doctor: UUID?)
    case doctorStats(UUID)
    /// Whether a doctor has (or had) a consultation with a patient: who may see the patient.
    case treats(doctor: UUID, patient: UUID)
}

/// Whose consultations: the column a page partitions by (a fixed name, never user input).
enum ConsultationParty: String, Hashable, Sendable {
    case patient = "patient_id"
    case doctor = "doctor_id"

    /// The other party's column.
    var counterpartColumn: String { self == .patient ? "doctor_id" : "patient_id" }
}

struct ConsultationPageArguments: Hashable, Sendable {
    var page: PageArguments
    var status: String?
    /// Only the consultations with this counterpart (a doctor seeing a patient's list sees
    /// the consultations they hold, a patient seeing a doctor's their own).
    var counterpart: UUID? = nil
}

/// What a `PostgresRead` found.
enum PostgresLoaded: Sendable {
    case user(UserRow?)
    case doctor(DoctorRow?)
    case consultation(ConsultationRow?)
    case consultations(Page<ConsultationRow>)
    case userAnalytics(UserAnalyticsRow)
    case doctorStats(DoctorStatsRow)
    case treats(Bool)
}

struct UserAnalyticsRow: Sendable {
    var consultations = 0
    var completedConsultations = 0
    var amountPaid = 0
    var lastConsultationAt: Date?
}

struct DoctorStatsRow: Sendable {
    var completedConsultations = 0
    var totalRevenue = 0
    var averageRevenue: Double?
    var patients = 0
}

private typealias Results = [PostgresRead: Result<PostgresLoaded, any Error>]

/// Sends every PostgreSQL read of one dispatch as one pipeline: one statement per kind of
/// read (`WHERE id = ANY($1)`, or a window over all parents for pages), one round trip.
struct PostgresBatch {
    let client: PostgresClient
    let trace: RequestTrace
    let budget: RequestBudget

    /// Statements, and how to turn their rows into results.
    private struct Plan {
        var statements: [PostgresStatement] = []
        var decoders: [(count: Int, decode: ([PostgresRows], inout Results) throws -> Void)] = []

        mutating func add(
            _ statements: [PostgresStatement], _ decode: @escaping ([PostgresRows], inout Results) throws -> Void
        ) {
            self.statements += statements
            decoders.append((statements.count, decode))
        }
    }

    func load(_ keys: [PostgresRead]) async throws -> [PostgresRead: Result<PostgresLoaded, any Error>] {
        var users: [UUID] = []
        var doctors: [UUID] = []
        var consultations: [UUID] = []
        var pages: [PageGroup: [UUID]] = [:]
        var pageOrder: [PageGroup] = []
        var userAnalytics: [UUID] = []
        var heldAnalytics: [(patient: UUID, doctor: UUID)] = []
        var doctorStats: [UUID] = []
        var treats: [(doctor: UUID, patient: UUID)] = []
        for key in keys {
            switch key {
            case .user(let id): users.append(id)
            case .doctor(let id): doctors.append(id)
            case .consultation(let id): consultations.append(id)
            case .consultations(let party, let id, let arguments):
                let group = PageGroup(party: party, arguments: arguments)
                if pages[group] == nil { pageOrder.append(group) }
                pages[group, default: []].append(id)
            case .userAnalytics(let id, nil): userAnalytics.append(id)
            case .userAnalytics(let id, let doctor?): heldAnalytics.append((id, doctor))
            case .doctorStats(let id): doctorStats.append(id)
            case .treats(let doctor, let patient): treats.append((doctor, patient))
            }
        }

        var plan = Plan()
        if !users.isEmpty {
            plan.add([.init("SELECT \(UserRow.columns) FROM users WHERE id = ANY($1)", [.uuids(users)])]) { rows, results in
                var found: [UUID: UserRow] = [:]
                for row in rows[0] {
                    let user = try UserRow(row)
                    found[user.id] = user
                }
                for id in users { results[.user(id)] = .success(.user(found[id])) }
            }
        }
        if !doctors.isEmpty {
            plan.add([.init("SELECT \(DoctorRow.columns) FROM doctors WHERE user_id = ANY($1)", [.uuids(doctors)])]) {
                rows, results in
                var found: [UUID: DoctorRow] = [:]
                for row in rows[0] {
                    let doctor = try DoctorRow(row)
                    found[doctor.userId] = doctor
                }
                for id in doctors { results[.doctor(id)] = .success(.doctor(found[id])) }
            }
        }
        if !consultations.isEmpty {
            plan.add([
                .init("SELECT \(ConsultationRow.columns) FROM consultations WHERE id = ANY($1)", [.uuids(consultations)])
            ]) { rows, results in
                var found: [UUID: ConsultationRow] = [:]
                for row in rows[0] {
                    let consultation = try ConsultationRow(row)
                    found[consultation.id] = consultation
                }
                for id in consultations { results[.consultation(id)] = .success(.consultation(found[id])) }
            }
        }
        for group in pageOrder {
            let parents = pages[group]!
            plan.add([group.pageStatement(parents), group.countStatement(parents)]) { rows, results in
                var items: [UUID: [ConsultationRow]] = [:]
                for row in rows[0] {
                    items[try row.decode(UUID.self, "party"), default: []].append(try ConsultationRow(row))
                }
                var totals: [UUID: Int] = [:]
                for row in rows[1] { totals[try row.decode(UUID.self, "party")] = try row.decode(Int.self, "total") }
                let first = group.arguments.page.first
                for parent in parents {
                    let found = items[parent] ?? []
                    let page = Page(
                        items: Array(found.prefix(first)), hasNextPage: found.count > first,
                        totalCount: totals[parent] ?? 0)
                    results[.consultations(group.party, parent, group.arguments)] = .success(.consultations(page))
                }
            }
        }
        if !userAnalytics.isEmpty {
            plan.add([
                .init(
                    """
                    SELECT patient_id, count(*) AS consultations,
                           count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                           coalesce(sum(amount_paid), 0)::bigint AS amount_paid, max(scheduled_at) AS last_at
                    FROM consultations WHERE patient_id = ANY($1) GROUP BY patient_id
                    """, [.uuids(userAnalytics)])
            ]) { rows, results in
                var found: [UUID: UserAnalyticsRow] = [:]
                for row in rows[0] {
                    found[try row.decode(UUID.self, "patient_id")] = UserAnalyticsRow(
                        consultations: try row.decode(Int.self, "consultations"),
                        completedConsultations: try row.decode(Int.self, "completed"),
                        amountPaid: try row.decode(Int.self, "amount_paid"),
                        lastConsultationAt: try row.decode(Date?.self, "last_at"))
                }
                for id in userAnalytics {
                    results[.userAnalytics(id, doctor: nil)] = .success(.userAnalytics(found[id] ?? .init()))
                }
            }
        }
        if !heldAnalytics.isEmpty {
            plan.add([
                .init(
                    """
                    SELECT c.patient_id, c.doctor_id, count(*) AS consultations,
                           count(*) FILTER (WHERE c.status = 'COMPLETED') AS completed,
                           coalesce(sum(c.amount_paid), 0)::bigint AS amount_paid, max(c.scheduled_at) AS last_at
                    FROM consultations c
                    JOIN unnest($1::uuid[], $2::uuid[]) AS asked(patient_id, doctor_id)
                      ON asked.patient_id = c.patient_id AND asked.doctor_id = c.doctor_id
                    GROUP BY c.patient_id, c.doctor_id
                    """, [.uuids(heldAnalytics.map(\.patient)), .uuids(heldAnalytics.map(\.doctor))])
            ]) { rows, results in
                var found: [[UUID]: UserAnalyticsRow] = [:]
                for row in rows[0] {
                    found[[try row.decode(UUID.self, "patient_id"), try row.decode(UUID.self, "doctor_id")]] = UserAnalyticsRow(
                        consultations: try row.decode(Int.self, "consultations"),
                        completedConsultations: try row.decode(Int.self, "completed"),
                        amountPaid: try row.decode(Int.self, "amount_paid"),
                        lastConsultationAt: try row.decode(Date?.self, "last_at"))
                }
                for pair in heldAnalytics {
                    results[.userAnalytics(pair.patient, doctor: pair.doctor)] = .success(
                        .userAnalytics(found[[pair.patient, pair.doctor]] ?? .init()))
                }
            }
        }
        if !doctorStats.isEmpty {
            plan.add([
                .init(
                    """
                    SELECT doctor_id, count(*) AS completed, coalesce(sum(amount_paid), 0)::bigint AS revenue,
                           avg(amount_paid)::float8 AS average, count(DISTINCT patient_id) AS patients
                    FROM consultations WHERE doctor_id = ANY($1) AND status = 'COMPLETED' GROUP BY doctor_id
                    """, [.uuids(doctorStats)])
            ]) { rows, results in
                var found: [UUID: DoctorStatsRow] = [:]
                for row in rows[0] {
                    found[try row.decode(UUID.self, "doctor_id")] = DoctorStatsRow(
                        completedConsultations: try row.decode(Int.self, "completed"),
                        totalRevenue: try row.decode(Int.self, "revenue"),
                        averageRevenue: try row.decode(Double?.self, "average"),
                        patients: try row.decode(Int.self, "patients"))
                }
                for id in doctorStats { results[.doctorStats(id)] = .success(.doctorStats(found[id] ?? .init())) }
            }
        }

        if !treats.isEmpty {
            plan.add([
                .init(
                    """
                    SELECT DISTINCT c.doctor_id, c.patient_id FROM consultations c
                    JOIN unnest($1::uuid[], $2::uuid[]) AS asked(doctor_id, patient_id)
                      ON asked.doctor_id = c.doctor_id AND asked.patient_id = c.patient_id
                    """, [.uuids(treats.map(\.doctor)), .uuids(treats.map(\.patient))])
            ]) { rows, results in
                var found: Set<[UUID]> = []
                for row in rows[0] {
                    found.insert([try row.decode(UUID.self, "doctor_id"), try row.decode(UUID.self, "patient_id")])
                }
                for pair in treats {
                    results[.treats(doctor: pair.doctor, patient: pair.patient)] = .success(
                        .treats(found.contains([pair.doctor, pair.patient])))
                }
            }
        }

        let rowSets = try await trace.roundTrip(.postgres, within: budget, items: { $0.reduce(0) { $0 + $1.count } }) {
            timeout in try await client.pipeline(plan.statements, timeout: timeout)
        }
        var results: Results = [:]
        var offset = 0
        for decoder in plan.decoders {
            try decoder.decode(Array(rowSets[offset..<offset + decoder.count]), &results)
            offset += decoder.count
        }
        return results
    }
}

/// Pages with the same party and arguments: one statement for all their parents.
private struct PageGroup: Hashable {
    var party: ConsultationParty
    var arguments: ConsultationPageArguments

    /// Each parent's consultations after the cursor, latest scheduled first, numbered per
    /// parent and cut at `first + 1` (the extra row says whether a next page exists).
    func pageStatement(_ parents: [UUID]) -> PostgresStatement {
        let column = party.rawValue
        let after = arguments.page.after
        return PostgresStatement(
            """
            SELECT * FROM (
                SELECT filtered.*, row_number() OVER (
                    PARTITION BY filtered.party ORDER BY filtered.sort_key DESC, filtered.id DESC) AS position
                FROM (
                    SELECT \(ConsultationRow.columns), \(column) AS party,
                           (extract(epoch FROM scheduled_at) * 1000000)::bigint AS sort_key
                    FROM consultations
                    WHERE \(column) = ANY($1) AND ($2::text IS NULL OR status = $2)
                      AND ($6::uuid IS NULL OR \(party.counterpartColumn) = $6)
                ) filtered
                WHERE $3::bigint IS NULL OR (filtered.sort_key, filtered.id) < ($3, $4::uuid)
            ) page
            WHERE page.position <= $5
            ORDER BY page.party, page.position
            """,
            [
                .uuids(parents),
                arguments.status.map(PostgresValue.text) ?? .null,
                after.flatMap { Cursor.micros(fromDateKey: $0.key) }.map(PostgresValue.int64) ?? .null,
                after.flatMap { UUID(uuidString: $0.id) }.map(PostgresValue.uuid) ?? .null,
                .int64(Int64(arguments.page.first + 1)),
                arguments.counterpart.map(PostgresValue.uuid) ?? .null,
            ])
    }

    /// How many consultations each parent has over the filter, whatever the cursor.
    func countStatement(_ parents: [UUID]) -> PostgresStatement {
        let column = party.rawValue
        return PostgresStatement(
            """
            SELECT \(column) AS party, count(*) AS total FROM consultations
            WHERE \(column) = ANY($1) AND ($2::text IS NULL OR status = $2)
              AND ($3::uuid IS NULL OR \(party.counterpartColumn) = $3)
            GROUP BY \(column)
            """,
            [.uuids(parents), arguments.status.map(PostgresValue.text) ?? .null,
             arguments.counterpart.map(PostgresValue.uuid) ?? .null])
    }
}

extension PostgresValue {
    /// A `uuid[]` parameter.
    static func uuids(_ ids: [UUID]) -> PostgresValue {
        .array(PostgresArray(elementType: .uuid, elements: ids.map(PostgresValue.uuid)))
    }
}
