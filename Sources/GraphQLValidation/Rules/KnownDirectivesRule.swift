import GraphQLLanguage
import GraphQLSchema

/// Every directive used is defined, and used at one of its locations (spec §5.7.1
/// "Directives Are Defined", §5.7.2 "Directives Are In Valid Locations").
public struct KnownDirectivesRule: ValidationRule {
    private var directives = DocumentDirectives()

    public init() {}

    public var entering: ValidationNodeKinds { [.document, .directive] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .document(let document):
            directives = DocumentDirectives(document)
        case .directive(let directive, let location):
            let name = directive.name.value
            guard let known = directives.directive(named: name, in: context.schema) else {
                context.report("Unknown directive \"@\(name)\".", at: [directive.location])
                break
            }
            guard let location else { break }
            let allowed: Bool =
                switch known {
                case .document(let definition): definition.locations.contains { $0.value == location.rawValue }
                case .schema(let definition): definition.locations.contains(location)
                }
            if !allowed {
                context.report(
                    "Directive \"@\(name)\" may not be used on \(location.rawValue).", at: [directive.location])
            }
        default:
            break
        }
        return .continue
    }
}
