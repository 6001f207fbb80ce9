import GraphQLLanguage

/// The arguments of a field or directive definition have unique names (spec §3.6.1 "Field
/// Arguments", §3.13 "Directives").
struct UniqueArgumentDefinitionNamesRule: SDLValidationRule {
    init(document: Document) {}

    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {
        switch node {
        case .directiveDefinition(let definition):
            check("@\(definition.name.value)", definition.arguments, &context)
        case .typeDefinition(.object(let type)), .typeExtension(.object(let type)):
            for field in type.fields { check("\(type.name.value).\(field.name.value)", field.arguments, &context) }
        case .typeDefinition(.interface(let type)), .typeExtension(.interface(let type)):
            for field in type.fields { check("\(type.name.value).\(field.name.value)", field.arguments, &context) }
        default:
            break
        }
    }

    private func check(_ parent: String, _ arguments: [InputValueDefinition], _ context: inout SDLValidationContext) {
        for (name, nodes) in groupedByName(arguments.map(\.name)) where nodes.count > 1 {
            context.report("Argument \"\(parent)(\(name):)\" can only be defined once.", at: nodes.map(\.location))
        }
    }
}

/// Names grouped by value, groups in order of first appearance.
func groupedByName(_ names: [Name]) -> [(String, [Name])] {
    var groups: [(String, [Name])] = []
    var positions: [String: Int] = [:]
    for name in names {
        if let position = positions[name.value] {
            groups[position].1.append(name)
        } else {
            positions[name.value] = groups.count
            groups.append((name.value, [name]))
        }
    }
    return groups
}
