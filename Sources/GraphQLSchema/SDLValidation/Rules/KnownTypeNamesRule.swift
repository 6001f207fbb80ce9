import GraphQLLanguage

/// Every type reference names a type the document defines, or a built-in one (spec §3.4
/// "Types"; §5.5.1.2 "Fragment Spread Type Existence" for fragments and variables).
struct KnownTypeNamesRule: SDLValidationRule {
    /// The specified scalars and the introspection types, which type-system definitions may
    /// mention without defining.
    static let standardTypeNames = [
        "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type",
        "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ]

    private let definedTypes: Set<String>
    private let typeNames: [String]

    init(document: Document) {
        var defined: Set<String> = []
        var names: [String] = []
        for case .type(let definition) in document.definitions where defined.insert(definition.name.value).inserted {
            names.append(definition.name.value)
        }
        definedTypes = defined
        typeNames = names
    }

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .namedType(let type, let inTypeSystem) = node else { return }
        let name = type.name.value
        guard !definedTypes.contains(name) else { return }
        if inTypeSystem && Self.standardTypeNames.contains(name) { return }
        let suggestions = suggestionList(name, inTypeSystem ? Self.standardTypeNames + typeNames : typeNames)
        context.report("Unknown type \"\(name)\"." + didYouMean(suggestions), at: [type.location])
    }
}
