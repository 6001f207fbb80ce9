import GraphQLLanguage

/// A field or directive is given each argument once (spec §5.4.2 "Argument Uniqueness").
public struct UniqueArgumentNamesRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { [.field, .directive] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .field(let field): check(field.arguments, context)
        case .directive(let directive, _): check(directive.arguments, context)
        default: break
        }
        return .continue
    }

    private func check(_ arguments: [Argument], _ context: ValidationContext) {
        guard arguments.count > 1 else { return }
        var groups: [[Name]] = []
        var groupIndex: [String: Int] = [:]
        for argument in arguments {
            if let index = groupIndex[argument.name.value] {
                groups[index].append(argument.name)
            } else {
                groupIndex[argument.name.value] = groups.count
                groups.append([argument.name])
            }
        }
        for names in groups where names.count > 1 {
            context.report("There can be only one argument named \"\(names[0].value)\".", at: names.map(\.location))
        }
    }
}
