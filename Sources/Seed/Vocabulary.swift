/// The words the generator draws from. Plain data, kept apart from the generator's logic.
enum Vocabulary {
    static let firstNames = [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Leo", "Sofia", "Hugo", "Chloe", "Louis",
        "Alice", "Gabriel", "Lea", "Arthur", "Jade", "Jules", "Zoe", "Adam", "Ines", "Ethan", "Nora", "Paul",
        "Clara", "Victor", "Lina", "Samuel", "Eva", "Nathan", "Amira", "Omar", "Yuki", "Kenji", "Priya", "Arjun",
        "Fatima", "Youssef", "Elena", "Mateo", "Hannah", "Felix", "Ingrid", "Lars", "Aisha", "Kofi", "Mei", "Wei",
    ]
    static let lastNames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Muller", "Schmidt", "Schneider", "Rossi", "Russo",
        "Kowalski", "Nowak", "Silva", "Santos", "Tanaka", "Suzuki", "Kim", "Lee", "Chen", "Wang", "Patel",
        "Singh", "Haddad", "Mensah", "Okafor", "Novak", "Larsen", "Jensen",
    ]
    static let emailDomains = ["example.com", "example.org", "example.net"]

    /// Specialty and the typical fee in euro cents.
    static let specialties: [(name: String, fee: Int)] = [
        ("General Practice", 2_500), ("Cardiology", 8_000), ("Dermatology", 6_000), ("Pediatrics", 4_000),
        ("Neurology", 9_000), ("Orthopedics", 7_500), ("Psychiatry", 10_000), ("Gynecology", 6_500),
        ("Ophthalmology", 5_500), ("Endocrinology", 7_000), ("Gastroenterology", 8_500), ("Pulmonology", 7_500),
        ("Rheumatology", 7_000), ("Oncology", 12_000), ("Urology", 6_500), ("ENT", 5_000),
    ]
    static let licenseRegions = ["PAR", "LYO", "MAR", "TLS", "BDX", "LIL", "NAN", "STR"]

    struct Condition {
        let diagnosis: String
        let symptoms: [String]
        let drugs: [(drug: String, dosage: String, frequency: String)]
        let exams: [(test: String, result: String)]
    }

    static let conditions: [Condition] = [
        Condition(diagnosis: "Acute upper respiratory infection", symptoms: ["cough", "sore throat", "runny nose", "fever"],
                  drugs: [("Paracetamol", "1 g", "every 6 hours as needed"), ("Ibuprofen", "400 mg", "three times daily")],
                  exams: [("Temperature", "38.1 °C"), ("Throat swab", "negative for strep A")]),
        Condition(diagnosis: "Essential hypertension", symptoms: ["headache", "dizziness", "fatigue"],
                  drugs: [("Amlodipine", "5 mg", "once daily"), ("Ramipril", "2.5 mg", "once daily")],
                  exams: [("Blood pressure", "152/96 mmHg"), ("Creatinine", "0.9 mg/dL")]),
        Condition(diagnosis: "Type 2 diabetes mellitus", symptoms: ["thirst", "frequent urination", "fatigue"],
                  drugs: [("Metformin", "500 mg", "twice daily with meals")],
                  exams: [("HbA1c", "7.4 %"), ("Fasting glucose", "142 mg/dL")]),
        Condition(diagnosis: "Atopic dermatitis", symptoms: ["itching", "dry skin", "rash"],
                  drugs: [("Hydrocortisone cream", "1 %", "twice daily"), ("Cetirizine", "10 mg", "once daily")],
                  exams: [("Skin inspection", "eczematous plaques on flexures")]),
        Condition(diagnosis: "Migraine without aura", symptoms: ["throbbing headache", "nausea", "light sensitivity"],
                  drugs: [("Sumatriptan", "50 mg", "at onset, max 2 per day"), ("Naproxen", "500 mg", "twice daily")],
                  exams: [("Neurological exam", "normal")]),
        Condition(diagnosis: "Low back pain", symptoms: ["back pain", "stiffness"],
                  drugs: [("Ibuprofen", "400 mg", "three times daily"), ("Thiocolchicoside", "4 mg", "twice daily")],
                  exams: [("Lumbar X-ray", "no fracture")]),
        Condition(diagnosis: "Generalized anxiety disorder", symptoms: ["worry", "insomnia", "palpitations"],
                  drugs: [("Sertraline", "50 mg", "once daily")],
                  exams: [("GAD-7 score", "12")]),
        Condition(diagnosis: "Asthma", symptoms: ["wheezing", "shortness of breath", "cough"],
                  drugs: [("Salbutamol inhaler", "100 µg", "2 puffs as needed"), ("Budesonide inhaler", "200 µg", "twice daily")],
                  exams: [("Peak flow", "380 L/min"), ("Spirometry", "FEV1 78 % predicted")]),
        Condition(diagnosis: "Gastroesophageal reflux disease", symptoms: ["heartburn", "regurgitation"],
                  drugs: [("Omeprazole", "20 mg", "once daily before breakfast")],
                  exams: [("Abdominal exam", "soft, non-tender")]),
        Condition(diagnosis: "Hypothyroidism", symptoms: ["fatigue", "weight gain", "cold intolerance"],
                  drugs: [("Levothyroxine", "50 µg", "once daily, fasting")],
                  exams: [("TSH", "7.8 mIU/L"), ("Free T4", "0.7 ng/dL")]),
        Condition(diagnosis: "Urinary tract infection", symptoms: ["burning urination", "frequent urination"],
                  drugs: [("Fosfomycin", "3 g", "single dose")],
                  exams: [("Urine dipstick", "nitrites positive")]),
        Condition(diagnosis: "Conjunctivitis", symptoms: ["red eye", "discharge", "itching"],
                  drugs: [("Chloramphenicol eye drops", "0.5 %", "four times daily")],
                  exams: [("Visual acuity", "10/10 both eyes")]),
        Condition(diagnosis: "Iron deficiency anemia", symptoms: ["fatigue", "pallor", "shortness of breath"],
                  drugs: [("Ferrous sulfate", "200 mg", "once daily")],
                  exams: [("Hemoglobin", "10.2 g/dL"), ("Ferritin", "8 ng/mL")]),
        Condition(diagnosis: "Routine check-up", symptoms: [],
                  drugs: [],
                  exams: [("Blood pressure", "118/76 mmHg"), ("Cholesterol", "182 mg/dL")]),
        Condition(diagnosis: "Osteoarthritis of the knee", symptoms: ["knee pain", "swelling", "stiffness"],
                  drugs: [("Paracetamol", "1 g", "three times daily"), ("Diclofenac gel", "1 %", "three times daily")],
                  exams: [("Knee X-ray", "joint space narrowing")]),
        Condition(diagnosis: "Seasonal allergic rhinitis", symptoms: ["sneezing", "itchy eyes", "congestion"],
                  drugs: [("Loratadine", "10 mg", "once daily"), ("Fluticasone nasal spray", "50 µg", "2 sprays daily")],
                  exams: [("Nasal exam", "pale, swollen mucosa")]),
    ]

    static let notes = [
        "Patient reassured; follow up if symptoms persist.",
        "Advised rest and hydration.",
        "Review in four weeks.",
        "Lifestyle advice given: diet, exercise, sleep.",
        "Referred for further tests.",
        "Symptoms improving compared with last visit.",
        "Discussed treatment options; patient agrees with the plan.",
    ]

    static let allergies: [(substance: String, reaction: String)] = [
        ("Penicillin", "rash"), ("Peanuts", "anaphylaxis"), ("Pollen", "rhinitis"), ("Latex", "contact dermatitis"),
        ("Shellfish", "hives"), ("Aspirin", "bronchospasm"), ("Dust mites", "asthma"), ("Lactose", "bloating"),
        ("Sulfonamides", "rash"), ("Bee stings", "swelling"),
    ]
    static let severities = ["MILD", "MODERATE", "SEVERE"]
    static let chronicDiseases = [
        "Hypertension", "Type 2 diabetes", "Asthma", "Hypothyroidism", "Chronic kidney disease", "COPD",
        "Rheumatoid arthritis", "Depression", "Atrial fibrillation", "Migraine",
    ]
    static let vaccines = [
        "Influenza", "COVID-19", "Tetanus-diphtheria", "Hepatitis B", "MMR", "HPV", "Pneumococcal", "Shingles",
    ]
    static let bloodTypes = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]

    static let tags = [
        "cardiology", "nutrition", "mental-health", "sleep", "diabetes", "pediatrics", "vaccines", "fitness",
        "dermatology", "allergies", "prevention", "telemedicine", "research", "women-health", "aging", "pain",
    ]
    static let titleOpenings = [
        "What you should know about", "Five myths about", "A practical guide to", "New research on",
        "How to talk to your doctor about", "Living well with", "Understanding", "Questions patients ask about",
    ]
    static let topics = [
        "high blood pressure", "seasonal allergies", "childhood vaccines", "sleep and stress", "type 2 diabetes",
        "healthy skin", "back pain", "heart health", "anxiety", "migraines", "healthy eating", "staying active",
        "antibiotics", "asthma", "thyroid problems", "knee pain",
    ]
    static let sentences = [
        "Most people will face this at some point, and early attention makes a real difference.",
        "The evidence has changed over the last decade, and so have the recommendations.",
        "Small daily habits matter more than occasional big efforts.",
        "If symptoms get worse or do not improve, book a consultation.",
        "Medication helps many patients, but it works best together with lifestyle changes.",
        "Regular check-ups catch problems before they become serious.",
        "Ask about side effects before starting a new treatment.",
        "Keep a simple diary of symptoms: it helps your doctor see patterns.",
        "Sleep, movement and a varied diet remain the foundations of good health.",
        "Not every symptom needs a test; a careful conversation often tells more.",
    ]
    static let comments = [
        "Thank you, this was really helpful.", "Clear and practical, I shared it with my family.",
        "Could you write more about this topic?", "My GP told me the same thing last month.",
        "Is this also true for children?", "Great article, bookmarked.", "Very reassuring, thanks doctor.",
        "I did not know that, interesting.", "What about people over 70?", "Helpful summary of the research.",
    ]
}
