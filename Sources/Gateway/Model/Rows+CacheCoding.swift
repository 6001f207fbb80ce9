import GraphQLSchema

// Users and doctors, as cached by `RequestContext.user(_:)` and `doctor(_:)`.

extension UserRow: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            id: try fields.uuid("id"), email: try fields.string("email"), phone: try fields.optionalString("phone"),
            role: try fields.string("role"), createdAt: try fields.date("created"),
            updatedAt: try fields.date("updated"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("email", email)
        writer.field("phone", phone)
        writer.field("role", role)
        try writer.field("created", createdAt)
        try writer.field("updated", updatedAt)
        writer.endObject()
    }
}

extension DoctorRow: CacheCoding {
    init(cacheValue: CoercedValue) throws(CacheCodingError) {
        var fields = try CacheFields(cacheValue)
        self.init(
            userId: try fields.uuid("user"), specialty: try fields.string("specialty"),
            licenseNumber: try fields.string("license"), consultationFee: try fields.int("fee"),
            available: try fields.bool("available"), createdAt: try fields.date("created"),
            updatedAt: try fields.date("updated"))
    }

    func encode(to writer: inout CacheWriter) throws(CacheCodingError) {
        writer.beginObject()
        writer.field("user", userId)
        writer.field("specialty", specialty)
        writer.field("license", licenseNumber)
        try writer.field("fee", consultationFee)
        writer.field("available", available)
        try writer.field("created", createdAt)
        try writer.field("updated", updatedAt)
        writer.endObject()
    }
}
