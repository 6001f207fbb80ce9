import GraphQLLanguage
import GraphQLSchema

/// A fragment is spread only where its type can apply: the fragment's type and the parent
/// type have a possible object type in common (spec §5.5.2.3 "Fragment spread is possible").
public struct PossibleFragmentSpreadsRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { [.inlineFragment, .fragmentSpread] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .inlineFragment(let fragment):
            guard case .named(let fragmentType)? = context.type, fragmentType.isCompositeType,
                let parentType = context.parentType, !context.schema.doTypesOverlap(fragmentType, parentType)
            else { break }
            context.report(
                "Fragment cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                at: [fragment.location])
        case .fragmentSpread(let spread):
            let name = spread.name.value
            guard let fragment = context.fragment(named: name),
                let fragmentType = context.schema.type(named: fragment.typeCondition.name.value),
                fragmentType.isCompositeType,
                let parentType = context.parentType, !context.schema.doTypesOverlap(fragmentType, parentType)
            else { break }
            context.report(
                "Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                at: [spread.location])
        default:
            break
        }
        return .continue
    }
}
