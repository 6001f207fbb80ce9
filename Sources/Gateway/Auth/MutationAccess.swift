import Foundation
import GraphQLLanguage

/// Who may call each mutation (the README's "Who sees what"); checked before any write.
/// Admins may call every mutation.
enum MutationAccess {
    /// Anyone may sign up as a patient; doctors and admins are created by admins.
    static func createUser(role: String, _ context: RequestContext) throws {
        guard role != Viewer.Role.patient.rawValue else { return }
        try Access.admin("accounts of doctors and admins", context.viewer)
    }

    /// A patient books for themself.
    static func bookConsultation(patient: UUID, _ context: RequestContext) throws {
        let viewer = try Access.signedIn("booking", context.viewer)
        guard viewer.role == .admin || (viewer.role == .patient && viewer.id == patient) else {
            throw Access.forbidden("booking for another patient")
        }
    }

    /// The consultation's doctor completes it; its patient or doctor may cancel it.
    static func consultation(_ id: UUID, doctorOnly: Bool, action: String, _ context: RequestContext) async throws {
        let viewer = try Access.signedIn(action, context.viewer)
        guard viewer.role != .admin else { return }
        guard case .consultation(let row?) = try await context.postgres.value(for: .consultation(id)) else {
            return  // unknown: the mutation reports NOT_FOUND
        }
        guard viewer.id == row.doctorId || (!doctorOnly && viewer.id == row.patientId) else {
            throw Access.forbidden(action)
        }
    }

    /// A patient's record is written by their doctors.
    static func record(of patient: UUID, _ context: RequestContext) async throws {
        let viewer = try Access.signedIn("changing a medical record", context.viewer)
        guard viewer.role != .admin else { return }
        guard viewer.role == .doctor,
            case .treats(true) = try await context.postgres.value(for: .treats(doctor: viewer.id, patient: patient))
        else { throw Access.forbidden("changing this medical record") }
    }

    /// Doctors and admins write posts, as themselves.
    static func createPost(author: UUID, _ context: RequestContext) throws {
        let viewer = try Access.signedIn("writing posts", context.viewer)
        guard viewer.role == .admin || (viewer.role == .doctor && viewer.id == author) else {
            throw Access.forbidden(viewer.role == .doctor ? "writing posts for someone else" : "writing posts")
        }
    }

    /// A post is published by its author. Someone else's draft does not exist for the caller
    /// (`NOT_FOUND`, as to reads); someone else's published post is `FORBIDDEN`.
    static func publishPost(_ id: String, _ context: RequestContext) async throws {
        let viewer = try Access.signedIn("publishing posts", context.viewer)
        guard viewer.role != .admin else { return }
        // The loader reads only the posts the viewer may see: nothing is no such post for them.
        guard case .document(let post?) = try await context.mongo.value(for: .post(id: id)) else {
            throw GatewayError.notFound("post", field: "id")
        }
        guard post["authorId"]?.stringValue == viewer.id.lowercasedText else {
            throw Access.forbidden("publishing someone else's post")
        }
    }

    /// Any signed-in user comments, as themselves.
    static func comment(author: UUID, _ context: RequestContext) throws {
        let viewer = try Access.signedIn("commenting", context.viewer)
        guard viewer.role == .admin || viewer.id == author else { throw Access.forbidden("commenting as someone else") }
    }
}
