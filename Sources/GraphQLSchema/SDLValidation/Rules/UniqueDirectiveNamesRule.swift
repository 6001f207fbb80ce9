import GraphQLLanguage

/// No two directive definitions share a name (spec §3.13 "Directives").
struct UniqueDirectiveNamesRule: SDLValidationRule {
    private var known: [String: Name] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .directiveDefinition(let definition) = node else { return }
        let name = definition.name
        if let previous = known[name.value] {
            context.report(
                "There can be only one directive named \"@\(name.value)\".", at: [previous.location, name.location])
        } else {
            known[name.value] = name
        }
    }
}
