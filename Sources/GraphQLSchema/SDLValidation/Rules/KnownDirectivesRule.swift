import GraphQLLanguage

/// Every directive used is defined, and used where its definition allows (spec §5.7.1
/// "Directives Are Defined", §5.7.2 "Directives Are In Valid Locations").
struct KnownDirectivesRule: SDLValidationRule {
    private var locations: [String: [String]] = [:]

    init(document: Document) {
        for directive in GraphQLDirective.specifiedDirectives {
            locations[directive.name] = directive.locations.map(\.rawValue)
        }
        for case .directive(let definition) in document.definitions {
            locations[definition.name.value] = definition.locations.map(\.value)
        }
    }

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        guard case .directive(let directive, let location) = node else { return }
        let name = directive.name.value
        guard let allowed = locations[name] else {
            context.report("Unknown directive \"@\(name)\".", at: [directive.location])
            return
        }
        if !allowed.contains(location.rawValue) {
            context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", at: [directive.location])
        }
    }
}
