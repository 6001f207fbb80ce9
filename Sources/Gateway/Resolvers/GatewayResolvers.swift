import GraphQLExecution

/// Every resolver of the unified schema, by type and field name. `GatewaySchema.checkBinding`
/// compares this with the SDL at startup.
enum GatewayResolvers {
    static var all: Resolvers {
        var fields: [String: [String: FieldResolver]] = [
            "Query": QueryResolvers.query,
            "Mutation": MutationResolvers.mutation,
            "CompleteConsultationPayload": MutationResolvers.completeConsultationPayload,
            "User": EntityResolvers.user,
            "UserAnalytics": EntityResolvers.userAnalytics,
            "Doctor": EntityResolvers.doctor,
            "DoctorStats": EntityResolvers.doctorStats,
            "Consultation": EntityResolvers.consultation,
            "MedicalRecord": DocumentResolvers.medicalRecord,
            "MedicalRecordEntry": DocumentResolvers.recordEntry,
            "Post": DocumentResolvers.post,
            "PostEngagement": DocumentResolvers.engagement,
            "Comment": DocumentResolvers.comment,
            "PageInfo": ConnectionResolvers.pageInfo,
            "Analytics": AnalyticsResolvers.analytics,
            "DoctorRanking": AnalyticsResolvers.doctorRanking,
            "VolumePoint": AnalyticsResolvers.volumePoint,
            "TrendingPost": AnalyticsResolvers.trendingPost,
            "PlatformTotals": AnalyticsResolvers.platformTotals,
        ]
        for (type, resolvers) in DocumentResolvers.embedded { fields[type] = resolvers }
        for list in ["User", "Doctor", "Consultation", "Post", "Comment"] {
            fields["\(list)Connection"] = ConnectionResolvers.connection
            fields["\(list)Edge"] = ConnectionResolvers.edge
        }
        return Resolvers(fields: fields)
    }
}
