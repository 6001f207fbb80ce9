import GraphQLLanguage

/// The fields of an object, interface or input object are unique across its definition and
/// extensions (spec §3.6 "Objects", §3.10 "Input Objects").
struct UniqueFieldDefinitionNamesRule: SDLValidationRule {
    private var known: [String: [String: Name]] = [:]

    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        let typeName: String
        let fieldNames: [Name]
        switch node {
        case .typeDefinition(.object(let type)), .typeExtension(.object(let type)):
            (typeName, fieldNames) = (type.name.value, type.fields.map(\.name))
        case .typeDefinition(.interface(let type)), .typeExtension(.interface(let type)):
            (typeName, fieldNames) = (type.name.value, type.fields.map(\.name))
        case .typeDefinition(.inputObject(let type)), .typeExtension(.inputObject(let type)):
            (typeName, fieldNames) = (type.name.value, type.fields.map(\.name))
        default:
            return
        }
        var names = known[typeName] ?? [:]
        for name in fieldNames {
            if let previous = names[name.value] {
                context.report(
                    "Field \"\(typeName).\(name.value)\" can only be defined once.", at: [previous.location, name.location])
            } else {
                names[name.value] = name
            }
        }
        known[typeName] = names
    }
}
