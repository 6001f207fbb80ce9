import GraphQLSchema

// The analytics results, as cached by `AnalyticsResolvers` (lists of the first three).

extension DoctorRanking: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            doctorId: try fields.uuid("doctor"), completedConsultations: try fields.int("completed"),
            averageRevenue: try fields.double("average"), totalRevenue: try fields.int("revenue"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        writer.field("doctor", doctorId)
        try writer.field("completed", completedConsultations)
        try writer.field("average", averageRevenue)
        try writer.field("revenue", totalRevenue)
        writer.endObject()
    }
}

extension VolumePoint: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            periodStart: try fields.date("start"), consultations: try fields.int("consultations"),
            completed: try fields.int("completed"), revenue: try fields.int("revenue"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        try writer.field("start", periodStart)
        try writer.field("consultations", consultations)
        try writer.field("completed", completed)
        try writer.field("revenue", revenue)
        writer.endObject()
    }
}

extension TrendingPost: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            postId: try fields.string("post"), views: try fields.int("views"), likes: try fields.int("likes"),
            score: try fields.double("score"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        writer.field("post", postId)
        try writer.field("views", views)
        try writer.field("likes", likes)
        try writer.field("score", score)
        writer.endObject()
    }
}

extension PlatformTotals: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            users: try fields.int("users"), patients: try fields.int("patients"), doctors: try fields.int("doctors"),
            consultations: try fields.int("consultations"), completedConsultations: try fields.int("completed"),
            revenue: try fields.int("revenue"), posts: try fields.int("posts"), comments: try fields.int("comments"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        try writer.field("users", users)
        try writer.field("patients", patients)
        try writer.field("doctors", doctors)
        try writer.field("consultations", consultations)
        try writer.field("completed", completedConsultations)
        try writer.field("revenue", revenue)
        try writer.field("posts", posts)
        try writer.field("comments", comments)
        writer.endObject()
    }
}
