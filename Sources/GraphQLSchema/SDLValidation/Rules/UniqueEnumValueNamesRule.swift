import GraphQLLanguage

/// An enum's values are unique across its definition and extensions (spec §3.9 "Enums").
struct UniqueEnumValueNamesRule: SDLValidationRule {
    private var known: [String: [String: Name]] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        let definition: EnumTypeDefinition
        switch node {
        case .typeDefinition(.enumType(let node)), .typeExtension(.enumType(let node)): definition = node
        default: return
        }
        let typeName = definition.name.value
        var names = known[typeName] ?? [:]
        for value in definition.values {
            if let previous = names[value.name.value] {
                context.report(
                    "Enum value \"\(typeName).\(value.name.value)\" can only be defined once.",
                    at: [previous.location, value.name.location])
            } else {
                names[value.name.value] = value.name
            }
        }
        known[typeName] = names
    }
}
