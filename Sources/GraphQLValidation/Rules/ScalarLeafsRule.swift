import GraphQLLanguage
import GraphQLSchema

/// Leaf fields have no selection set, and every other field has one (spec §5.3.3 "Leaf
/// Field Selections").
public struct ScalarLeafsRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .field }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .field(let field) = node, let type = context.type else { return .continue }
        let name = field.name.value
        if type.namedType.isLeafType {
            if let selectionSet = field.selectionSet {
                context.report(
                    "Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                    at: [selectionSet.location])
            }
        } else if field.selectionSet == nil {
            context.report(
                "Field \"\(name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(name) { ... }\"?",
                at: [field.location])
        }
        return .continue
    }
}
