import Batching
import Foundation
import GraphQLExecution
import GraphQLLanguage
import MongoClient

/// Who may see what (the rules of the README's "Who sees what"), enforced where each protected
/// value is produced, so that every way of reaching it (root field, nested list, fragment,
/// alias, `node(id:)`) goes through the same check. A denied field is null with an error
/// whose `extensions.code` is `UNAUTHENTICATED` (no token) or `FORBIDDEN`; the rest of the
/// response is intact.
enum Access {
    static func unauthenticated(_ what: String) -> GraphQLError {
        GraphQLError(message: "Sign in to see \(what).", extensions: ["code": "UNAUTHENTICATED"])
    }

    static func forbidden(_ what: String) -> GraphQLError {
        GraphQLError(message: "You may not see \(what).", extensions: ["code": "FORBIDDEN"])
    }

    /// A patient's medical record and personal details: the patient, a doctor who has a
    /// consultation with them, an admin. The doctor check is one batched query per level.
    static func patient(_ patientId: UUID, _ what: String, _ info: ResolveInfo, then value: @escaping @Sendable () throws -> FieldValue)
        throws -> FieldValue
    {
        let context = info.gateway
        switch context.viewer {
        case .anonymous:
            throw unauthenticated(what)
        case .user(let id, let role):
            if role == .admin || id == patientId { return try value() }
            guard role == .doctor else { throw forbidden(what) }
            return Resolve.pending(context.postgres.load(.treats(doctor: id, patient: patientId))) { loaded in
                guard case .treats(true) = loaded else { throw forbidden(what) }
                return try value()
            }
        }
    }

    /// Whose consultations with a patient `viewer` may count: a doctor other than the patient
    /// sees only those they hold (the list and the figures alike); nil (all) for the patient
    /// and admins. Whether the viewer may see the patient at all is `patient(_:_:_:then:)`'s.
    static func heldBy(patient: UUID, _ viewer: Viewer) -> UUID? {
        viewer.role == .doctor && viewer.id != patient ? viewer.id : nil
    }

    /// A consultation: its patient, its doctor, an admin.
    static func consultation(_ row: ConsultationRow, _ viewer: Viewer) throws {
        switch viewer {
        case .anonymous: throw unauthenticated("this consultation")
        case .user(let id, let role):
            guard role == .admin || id == row.patientId || id == row.doctorId else { throw forbidden("this consultation") }
        }
    }

    /// Platform-wide figures: admins only.
    static func admin(_ what: String, _ viewer: Viewer) throws {
        switch viewer {
        case .anonymous: throw unauthenticated(what)
        case .user(_, let role): guard role == .admin else { throw forbidden(what) }
        }
    }

    /// A post: published ones are public; a draft only for its author and admins. To anyone
    /// else a draft does not exist (null, no error), so its ID or slug reveals nothing.
    static func canSee(post document: BSONDocument, _ viewer: Viewer) -> Bool {
        guard document["status"]?.stringValue == "DRAFT" else { return true }
        guard let author = document["authorId"]?.stringValue.flatMap(UUID.init(uuidString:)) else { return viewer.isAdmin }
        return canSeeDrafts(of: author, viewer)
    }

    /// The posts `viewer` may see, as a filter to add to every read of posts (nil: all, for
    /// admins): published ones and the viewer's own drafts. A hidden draft is then never read
    /// at all, so nothing that counts what was read (the trace, a total) can tell it exists.
    static func visiblePosts(_ viewer: Viewer) -> Filter? {
        guard !viewer.isAdmin else { return nil }
        var visible: [Filter] = [.ne("status", .string("DRAFT"))]
        if let id = viewer.id { visible.append(.eq("authorId", .string(id.lowercasedText))) }
        return .or(visible)
    }

    /// Whether `viewer` may see an author's drafts.
    static func canSeeDrafts(of author: UUID, _ viewer: Viewer) -> Bool {
        viewer.isAdmin || viewer.id == author
    }

    /// Any signed-in user.
    static func signedIn(_ what: String, _ viewer: Viewer) throws -> (id: UUID, role: Viewer.Role) {
        guard case .user(let id, let role) = viewer else { throw unauthenticated(what) }
        return (id, role)
    }
}
