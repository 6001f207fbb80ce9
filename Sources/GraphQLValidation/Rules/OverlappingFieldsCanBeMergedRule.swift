import GraphQLLanguage
import GraphQLSchema

/// Fields with the same response key can be merged: they select the same field with the same
/// arguments (unless their parent types are distinct object types), return compatible
/// types, and their subselections merge too (spec §5.3.2 "Field Selection Merging").
///
/// The search is graphql-js's, with its messages, locations and order; `FieldConflictFinder`
/// keeps it from going quadratic on repeated fields.
public struct OverlappingFieldsCanBeMergedRule: ValidationRule {
    private var finder: FieldConflictFinder?

    public init() {}

    public var entering: ValidationNodeKinds { [.document, .selectionSet] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document:
            finder = FieldConflictFinder(context: context)
        case .selectionSet(let selectionSet):
            if finder == nil { finder = FieldConflictFinder(context: context) }
            // Only the first conflicts can be reported before the error limit stops validation.
            let limit = max(context.remainingErrorCapacity, 1)
            let conflicts = finder!.conflictsWithin(selectionSet, parentType: context.parentType, limit: limit)
            for conflict in conflicts {
                context.report(
                    "Fields \"\(conflict.responseName)\" conflict because \(conflict.reason.message). Use different aliases on the fields to fetch both if this was intentional.",
                    at: conflict.fields1 + conflict.fields2)
            }
        default:
            break
        }
        return .continue
    }
}

/// Why two fields cannot be merged.
indirect enum ConflictReason {
    case message(String)
    /// Conflicts between their subfields, each with its response key.
    case subfields([(String, ConflictReason)])

    var message: String {
        switch self {
        case .message(let message):
            message
        case .subfields(let reasons):
            reasons.map { "subfields \"\($0.0)\" conflict because \($0.1.message)" }.joined(separator: " and ")
        }
    }
}

/// Two fields (with their conflicting subfields) that cannot be merged.
struct FieldConflict {
    var responseName: String
    var reason: ConflictReason
    var fields1: [Location]
    var fields2: [Location]
}

extension ValidationContext {
    /// How many more errors can be reported before the error limit stops validation.
    var remainingErrorCapacity: Int { maxErrorCount - errors.count + 1 }
}
