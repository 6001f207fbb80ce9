import GraphQLLanguage

/// An object literal gives each field at most once (spec §5.6.3 "Input Object Field
/// Uniqueness").
struct UniqueInputFieldNamesRule: SDLValidationRule {
    private var enclosing: [[String: Name]] = []
    private var known: [String: Name] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        switch node {
        case .objectValue:
            enclosing.append(known)
            known = [:]
        case .objectField(let field):
            if let previous = known[field.name.value] {
                context.report(
                    "There can be only one input field named \"\(field.name.value)\".",
                    at: [previous.location, field.name.location])
            } else {
                known[field.name.value] = field.name
            }
        default:
            break
        }
    }

    mutating func leave(_ node: SDLNode, _ context: inout SDLValidationContext) {
        if case .objectValue = node { known = enclosing.popLast() ?? [:] }
    }
}
