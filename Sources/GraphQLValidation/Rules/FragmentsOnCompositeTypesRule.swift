import GraphQLLanguage
import GraphQLSchema

/// Fragments apply only to objects, interfaces and unions (spec §5.5.1.3 "Fragments On
/// Composite Types").
public struct FragmentsOnCompositeTypesRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { [.inlineFragment, .fragmentDefinition] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .inlineFragment(let fragment):
            if let condition = fragment.typeCondition, let type = context.schema.type(named: condition.name.value),
                !type.isCompositeType
            {
                context.report(
                    "Fragment cannot condition on non composite type \"\(condition.name.value)\".",
                    at: [condition.location])
            }
        case .fragmentDefinition(let fragment):
            let condition = fragment.typeCondition
            if let type = context.schema.type(named: condition.name.value), !type.isCompositeType {
                context.report(
                    "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
                    at: [condition.location])
            }
        default:
            break
        }
        return .continue
    }
}
