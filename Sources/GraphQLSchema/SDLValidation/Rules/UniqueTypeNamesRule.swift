import GraphQLLanguage

/// No two types share a name (spec §3.4 "Types": names are unique within a schema).
struct UniqueTypeNamesRule: SDLValidationRule {
    private var known: [String: Name] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .typeDefinition(let definition) = node else { return }
        let name = definition.name
        if let previous = known[name.value] {
            context.report(
                "There can be only one type named \"\(name.value)\".", at: [previous.location, name.location])
        } else {
            known[name.value] = name
        }
    }
}
