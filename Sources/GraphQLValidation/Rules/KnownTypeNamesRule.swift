import GraphQLLanguage
import GraphQLSchema

/// Every type a document names exists in the schema (spec §5.4.1.2 "Fragment Spread Type
/// Existence", §5.8.2 "Variables Are Input Types"); type-system definitions in the document
/// count, and may also name the built-in types.
public struct KnownTypeNamesRule: ValidationRule {
    private var definedTypes: [String] = []

    public init() {}

    public var entering: ValidationNodeKinds { [.document, .namedType] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document(let document):
            definedTypes = document.definitions.compactMap {
                if case .type(let type) = $0 { type.name.value } else { nil }
            }
        case .namedType(let named, let inTypeSystem):
            let name = named.name.value
            guard context.schema.type(named: name) == nil, !definedTypes.contains(name) else { break }
            let standardTypeNames = ScalarType.specifiedScalarTypes.map(\.name) + Introspection.types.map(\.name)
            if inTypeSystem && standardTypeNames.contains(name) { break }
            let typeNames = context.schema.types.map(\.name) + definedTypes
            let suggestions = suggestionList(name, inTypeSystem ? standardTypeNames + typeNames : typeNames)
            context.report("Unknown type \"\(name)\"." + didYouMean(suggestions), at: [named.location])
        default:
            break
        }
        return .continue
    }
}
