import Foundation

/// Who is asking: nobody, or a user with a role, from a verified token.
public enum Viewer: Sendable, Hashable {
    case anonymous
    case user(id: UUID, role: Role)

    /// What a user is on the platform (the `Role` enum of the schema).
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case patient = "PATIENT"
        case doctor = "DOCTOR"
        case admin = "ADMIN"
    }

    public var id: UUID? {
        if case .user(let id, _) = self { id } else { nil }
    }

    public var role: Role? {
        if case .user(_, let role) = self { role } else { nil }
    }

    public var isAdmin: Bool { role == .admin }
}
