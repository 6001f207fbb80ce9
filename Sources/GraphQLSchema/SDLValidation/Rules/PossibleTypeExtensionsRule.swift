import GraphQLLanguage

/// A type extension extends a type the document defines, of the same kind (spec §3.4.3
/// "Type Extensions").
struct PossibleTypeExtensionsRule: SDLValidationRule {
    private var definitions: [String: TypeDefinition] = [:]
    private var definedNames: [String] = []

    init(document: Document) {
        for case .type(let definition) in document.definitions {
            if definitions[definition.name.value] == nil { definedNames.append(definition.name.value) }
            definitions[definition.name.value] = definition
        }
    }

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .typeExtension(let typeExtension) = node else { return }
        let name = typeExtension.name.value
        guard let definition = definitions[name] else {
            context.report(
                "Cannot extend type \"\(name)\" because it is not defined."
                    + didYouMean(suggestionList(name, definedNames)),
                at: [typeExtension.name.location])
            return
        }
        if definition.kindName != typeExtension.definition.kindName {
            context.report(
                "Cannot extend non-\(typeExtension.definition.kindName) type \"\(name)\".",
                at: [definition.location, typeExtension.location])
        }
    }
}

extension TypeDefinition {
    /// The kind of type, as messages name it.
    var kindName: String {
        switch self {
        case .scalar: "scalar"
        case .object: "object"
        case .interface: "interface"
        case .union: "union"
        case .enumType: "enum"
        case .inputObject: "input object"
        }
    }
}
