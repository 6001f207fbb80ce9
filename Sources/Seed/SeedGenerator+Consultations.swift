import Foundation
import MongoClient
import PostgresClient

extension SeedGenerator {
    struct Consultation {
        let id: UUID
        let doctor: Doctor
        let scheduledAt: Int64
        let status: String
        let createdAt: Int64
        let updatedAt: Int64
        let completedAt: Int64?
    }

    /// Consultations, payments and medical records of a run of patients.
    mutating func consultationBatch(patients: Range<Int>) -> SeedBatch {
        var consultations = TableRows(table: "consultations", columns: SeedTarget.consultationColumns, rows: [])
        var payments = TableRows(table: "payments", columns: SeedTarget.paymentColumns, rows: [])
        var records = CollectionDocuments(collection: "medical_records", documents: [])
        records.documents.reserveCapacity(patients.count)
        for patientIndex in patients {
            let patient = people[firstPatient + patientIndex]
            var own: [Consultation] = []
            for _ in 0..<consultationsPerPatient[patientIndex] { own.append(makeConsultation()) }
            own.sort { ($0.scheduledAt, $0.id.uuidString) < ($1.scheduledAt, $1.id.uuidString) }
            for consultation in own {
                consultations.rows.append(row(consultation, patient: patient))
                if let completedAt = consultation.completedAt {
                    payments.rows.append(paymentRow(consultation, completedAt: completedAt))
                }
            }
            records.documents.append(medicalRecord(patient: patient, consultations: own))
        }
        return SeedBatch(tables: [consultations, payments], collections: [records])
    }

    /// Over two years: the 21 months before the reference date and the 3 after, 15-minute
    /// slots from 8:00 to 18:00 UTC.
    private mutating func makeConsultation() -> Consultation {
        let id = random.uuid()
        let doctor = doctors[random.int(below: doctors.count)]
        let firstDay = Self.reference - 640 * Self.day
        let scheduledAt = firstDay + Int64(random.int(below: 730)) * Self.day + 8 * 3_600 + Int64(random.int(below: 40)) * 900
        let roll = random.unit()
        let status: String
        if scheduledAt > Self.reference {
            status = roll < 0.92 ? "SCHEDULED" : "CANCELLED"
        } else {
            status = roll < 0.78 ? "COMPLETED" : roll < 0.91 ? "CANCELLED" : "NO_SHOW"
        }
        var createdAt = scheduledAt - Int64(random.int(in: 1...45)) * Self.day - Int64(random.int(below: 36_000))
        if createdAt > Self.reference { createdAt = Self.reference - Int64(random.int(in: 1...(7 * 86_400))) }
        let completedAt = status == "COMPLETED" ? scheduledAt + Int64(random.int(in: 15...60)) * 60 : nil
        let updatedAt: Int64 = switch status {
        case "COMPLETED": completedAt!
        case "CANCELLED": createdAt + Int64(random.int(below: Int(Swift.max(1, Swift.min(scheduledAt, Self.reference) - createdAt))))
        case "NO_SHOW": scheduledAt + 3_600
        default: createdAt
        }
        return Consultation(id: id, doctor: doctor, scheduledAt: scheduledAt, status: status, createdAt: createdAt,
                            updatedAt: updatedAt, completedAt: completedAt)
    }

    private func row(_ consultation: Consultation, patient: Person) -> [PostgresValue] {
        [.uuid(consultation.id), .uuid(patient.id), .uuid(consultation.doctor.id),
         Self.timestamp(consultation.scheduledAt), .text(consultation.status),
         .int32(consultation.completedAt == nil ? 0 : Int32(consultation.doctor.fee)),
         Self.timestamp(consultation.createdAt), Self.timestamp(consultation.updatedAt),
         consultation.completedAt.map(Self.timestamp) ?? .null]
    }

    /// One payment per completed consultation: the fee, mostly settled, a few refunded.
    private mutating func paymentRow(_ consultation: Consultation, completedAt: Int64) -> [PostgresValue] {
        let refunded = random.chance(0.03)
        let updatedAt = refunded ? completedAt + Int64(random.int(in: 1...20)) * Self.day : completedAt
        return [.uuid(random.uuid()), .uuid(consultation.id), .int32(Int32(consultation.doctor.fee)), .text("EUR"),
                .text(refunded ? "REFUNDED" : "SUCCEEDED"), Self.timestamp(completedAt), Self.timestamp(updatedAt)]
    }

    // MARK: - Medical records

    /// The patient's record: one `consultations` entry per COMPLETED consultation, and no other.
    private mutating func medicalRecord(patient: Person, consultations: [Consultation]) -> BSONDocument {
        var entries: [BSONValue] = []
        var vitalSigns: [BSONValue] = []
        var updatedAt = patient.createdAt
        for consultation in consultations {
            guard let completedAt = consultation.completedAt else { continue }
            entries.append(.document(entry(consultation, completedAt: completedAt)))
            vitalSigns.append(.document(vitals(at: completedAt)))
            updatedAt = Swift.max(updatedAt, completedAt)
        }
        if vitalSigns.isEmpty { vitalSigns.append(.document(vitals(at: patient.createdAt))) }
        let allergyCount = random.chance(0.6) ? 0 : random.int(in: 1...3)
        let allergies: [BSONValue] = random.sample(Vocabulary.allergies, count: allergyCount).map { allergy in
            .document([
                "substance": .string(allergy.substance), "reaction": .string(allergy.reaction),
                "severity": .string(random.pick(Vocabulary.severities)),
                "recordedAt": Self.bsonDate(patient.createdAt + Int64(random.int(below: 300)) * Self.day),
            ])
        }
        let diseaseCount = random.chance(0.7) ? 0 : random.int(in: 1...2)
        let diseases: [BSONValue] = random.sample(Vocabulary.chronicDiseases, count: diseaseCount).map { disease in
            .document([
                "name": .string(disease),
                "diagnosedAt": Self.bsonDate(patient.createdAt - Int64(random.int(in: 30...3_650)) * Self.day),
            ])
        }
        let vaccinations: [BSONValue] = random.sample(Vocabulary.vaccines, count: random.int(in: 1...4)).map { vaccine in
            .document([
                "vaccine": .string(vaccine),
                "date": Self.bsonDate(Self.reference - Int64(random.int(in: 30...3_000)) * Self.day),
                "dose": .int32(Int32(random.int(in: 1...3))),
            ])
        }
        return [
            "_id": .string(random.uuid().uuidString.lowercased()),
            "patientId": Self.id(patient.id),
            "bloodType": .string(random.pick(Vocabulary.bloodTypes)),
            "consultations": .array(entries),
            "allergies": .array(allergies),
            "chronicDiseases": .array(diseases),
            "vaccinations": .array(vaccinations),
            "vitalSigns": .array(vitalSigns.suffix(5)),
            "createdAt": Self.bsonDate(patient.createdAt),
            "updatedAt": Self.bsonDate(updatedAt),
        ]
    }

    private mutating func entry(_ consultation: Consultation, completedAt: Int64) -> BSONDocument {
        let condition = random.pick(Vocabulary.conditions)
        let symptoms = random.sample(condition.symptoms, count: random.int(in: Swift.min(1, condition.symptoms.count)...condition.symptoms.count))
        let drugs = random.sample(condition.drugs, count: random.int(in: 0...condition.drugs.count))
        let prescriptions: [BSONValue] = drugs.map { drug in
            .document(["drug": .string(drug.drug), "dosage": .string(drug.dosage), "frequency": .string(drug.frequency)])
        }
        let examResults: [BSONValue] = condition.exams.map { exam in
            .document(["test": .string(exam.test), "result": .string(exam.result)])
        }
        return [
            "consultationId": Self.id(consultation.id),
            "doctorId": Self.id(consultation.doctor.id),
            "date": Self.bsonDate(completedAt),
            "diagnosis": .string(condition.diagnosis),
            "symptoms": .array(symptoms.map(BSONValue.string)),
            "prescriptions": .array(prescriptions),
            "examResults": .array(examResults),
            "notes": .string(random.pick(Vocabulary.notes)),
        ]
    }

    private mutating func vitals(at seconds: Int64) -> BSONDocument {
        [
            "recordedAt": Self.bsonDate(seconds),
            "heartRate": .int32(Int32(random.int(in: 55...100))),
            "bloodPressure": .document([
                "systolic": .int32(Int32(random.int(in: 105...160))), "diastolic": .int32(Int32(random.int(in: 65...100))),
            ]),
            "temperature": .double(Double(random.int(in: 361...385)) / 10),
            "weightKg": .double(Double(random.int(in: 450...1_100)) / 10),
            "heightCm": .int32(Int32(random.int(in: 150...195))),
        ]
    }
}
