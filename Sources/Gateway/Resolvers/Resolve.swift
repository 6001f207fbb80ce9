import Batching
import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import MongoClient

extension ResolveInfo {
    /// The gateway's per-request context.
    var gateway: RequestContext { context as! RequestContext }
}

/// Building blocks for resolvers: typed parents, and the values a field returns.
enum Resolve {
    /// A resolver whose parent is a `Parent` (a row, a document, a page).
    static func on<Parent>(
        _ type: Parent.Type,
        _ body: @escaping @Sendable (_ parent: Parent, _ arguments: [String: CoercedValue], _ info: ResolveInfo) throws -> FieldValue
    ) -> FieldResolver {
        FieldResolver { parent, arguments, info in
            guard let payload = parent.payload(as: Parent.self) else {
                throw GraphQLError(
                    message: "Internal error: \(info.parentType.name).\(info.fieldName) got an unexpected parent.",
                    extensions: ["code": "INTERNAL_SERVER_ERROR"])
            }
            return try body(payload, arguments, info)
        }
    }

    /// A field of a `Parent` that needs nothing else.
    static func field<Parent>(_ type: Parent.Type, _ value: @escaping @Sendable (Parent) -> FieldValue) -> FieldResolver {
        on(type) { parent, _, _ in value(parent) }
    }

    /// Fields of a MongoDB document read by key (embedded documents become parents in turn).
    static func documentFields(_ names: String...) -> [String: FieldResolver] {
        Dictionary(uniqueKeysWithValues: names.map { name in
            (name, field(BSONDocument.self) { document in bson(document[name]) })
        })
    }

    /// A BSON value as a field's value: dates as `DateTime`, documents as parents.
    static func bson(_ value: BSONValue?) -> FieldValue {
        switch value {
        case nil, .null?: .null
        case .string(let text)?: .json(.string(text))
        case .int32(let number)?: .json(.int(Int(number)))
        case .int64(let number)?: .json(.int(Int(number)))
        case .double(let number)?: .json(.float(number))
        case .bool(let flag)?: .json(.boolean(flag))
        case .date(let date)?: dateTime(date)
        case .document(let document)?: .object(document)
        case .array(let values)?: .list(values.map { bson($0) })
        case .uuid(let uuid)?: .json(.string(uuid.lowercasedText))
        case .objectId(let id)?: .json(.string(id.description))
        case let other?: .json(.string(other.description))
        }
    }

    static func dateTime(_ date: Date?) -> FieldValue {
        date.map { .json(.string(DateTime.format($0))) } ?? .null
    }

    /// A loader's answer as a field's value.
    static func pending<Value>(_ pending: Pending<Value>, _ transform: @escaping @Sendable (Value) throws -> FieldValue)
        -> FieldValue
    {
        if case .success(let value)? = pending.result { return (try? transform(value)) ?? .pending(pending.map(transform)) }
        return .pending(pending.map(transform))
    }

    static func user(_ row: UserRow?) -> FieldValue { row.map { .object($0, typeName: "User") } ?? .null }
    static func doctor(_ row: DoctorRow?) -> FieldValue { row.map { .object($0, typeName: "Doctor") } ?? .null }
    static func consultation(_ row: ConsultationRow?) -> FieldValue {
        row.map { .object($0, typeName: "Consultation") } ?? .null
    }
    static func record(_ document: BSONDocument?) -> FieldValue {
        document.map { .object(MedicalRecordDocument($0), typeName: "MedicalRecord") } ?? .null
    }
    static func post(_ document: BSONDocument?) -> FieldValue {
        document.map { .object(PostDocument($0), typeName: "Post") } ?? .null
    }
    /// A post read by ID or slug: null when it is a draft `viewer` may not see.
    static func post(_ document: BSONDocument?, visibleTo viewer: Viewer) -> FieldValue {
        guard let document, Access.canSee(post: document, viewer) else { return .null }
        return post(document)
    }
    static func comment(_ document: BSONDocument?) -> FieldValue {
        document.map { .object(CommentDocument($0), typeName: "Comment") } ?? .null
    }

    /// A string argument, when given.
    static func string(_ arguments: [String: CoercedValue], _ name: String) -> String? {
        if case .string(let text)? = arguments[name] { return text }
        if case .enumValue(let text)? = arguments[name] { return text }
        return nil
    }

    /// The most characters (Unicode scalars) of a string argument that names something: an
    /// ID, a slug, a tag, a specialty. Real ones are far shorter (a global ID is at most 68).
    static let maximumNameLength = 256

    /// A string argument that names something, when given. One longer than
    /// `maximumNameLength` is `BAD_USER_INPUT` naming it, before any store is read: it could
    /// match nothing, and would only cost the stores and the cache.
    static func name(_ arguments: [String: CoercedValue], _ name: String) throws -> String? {
        guard let text = string(arguments, name) else { return nil }
        try checkLength(text, of: name, maximum: maximumNameLength)
        return text
    }

    /// Throws `BAD_USER_INPUT` naming `argument` when `text` has more than `maximum` characters.
    static func checkLength(_ text: String, of argument: String, maximum: Int) throws {
        guard text.utf8.count > maximum else { return }
        let length = text.unicodeScalars.count
        guard length <= maximum else {
            throw GatewayError.badInput(argument, "is \(length) characters long; at most \(maximum) are allowed")
        }
    }

    /// A `DateTime` argument; throws `BAD_USER_INPUT` naming it when it is not RFC 3339.
    static func date(_ arguments: [String: CoercedValue], _ name: String) throws -> Date? {
        guard let text = string(arguments, name) else { return nil }
        guard let date = DateTime.parse(text) else {
            throw GatewayError.badInput(name, "is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z")
        }
        return date
    }
}

/// Parents from MongoDB, typed so each object type's resolvers know what they read.
struct MedicalRecordDocument: Sendable {
    let document: BSONDocument
    init(_ document: BSONDocument) { self.document = document }
    var patientId: String { document["patientId"]?.stringValue ?? "" }
}

struct PostDocument: Sendable {
    let document: BSONDocument
    init(_ document: BSONDocument) { self.document = document }
    var id: String { document["_id"]?.stringValue ?? "" }
}

struct CommentDocument: Sendable {
    let document: BSONDocument
    init(_ document: BSONDocument) { self.document = document }
    var id: String { document["_id"]?.stringValue ?? "" }
}

/// A medical record entry with the patient it belongs to (its consultation is theirs).
struct RecordEntry: Sendable {
    let patientId: String
    let document: BSONDocument
}
