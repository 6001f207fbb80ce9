import GraphQLExecution

/// The `Mutation` root and the payload types only mutations return.
///
/// Every mutation checks its input first (BAD_USER_INPUT naming the field), then writes with
/// parameterized SQL or typed MongoDB filters and updates, maps constraint violations to the
/// field they guard, deletes the cache entries it made stale, and returns what it wrote as
/// the read resolvers' parents (rows and documents), so a mutation's selection set reads
/// like a query's.
enum MutationResolvers {
    static let mutation: [String: FieldResolver] = [
        "createUser": UserMutations.createUser,
        "bookConsultation": ConsultationMutations.bookConsultation,
        "completeConsultation": ConsultationCompletion.completeConsultation,
        "cancelConsultation": ConsultationMutations.cancelConsultation,
        "addVitalSigns": RecordMutations.addVitalSigns,
        "addAllergy": RecordMutations.addAllergy,
        "addVaccination": RecordMutations.addVaccination,
        "createPost": PostMutations.createPost,
        "publishPost": PostMutations.publishPost,
        "addComment": PostMutations.addComment,
        "likePost": PostMutations.likePost,
    ]

    static let completeConsultationPayload: [String: FieldResolver] = ConsultationCompletion.payload
}
