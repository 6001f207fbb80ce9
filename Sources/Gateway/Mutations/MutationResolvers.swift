// DEV PLACEHOLDER — replaced by the mutations work before commit.
import GraphQLExecution
import GraphQLLanguage
enum MutationResolvers {
    static let mutation: [String: FieldResolver] = Dictionary(uniqueKeysWithValues: [
        "createUser", "bookConsultation", "completeConsultation", "cancelConsultation", "addVitalSigns", "addAllergy",
        "addVaccination", "createPost", "publishPost", "addComment", "likePost",
    ].map { ($0, FieldResolver { _, _, _ in throw GraphQLError(message: "not yet") }) })
    static let completeConsultationPayload: [String: FieldResolver] = Dictionary(uniqueKeysWithValues: [
        "consultation", "recordEntry", "recordStatus",
    ].map { ($0, FieldResolver { _, _, _ in throw GraphQLError(message: "not yet") }) })
}
