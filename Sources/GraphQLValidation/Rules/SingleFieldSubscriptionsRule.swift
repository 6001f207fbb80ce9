import GraphQLLanguage
import GraphQLSchema

/// A subscription selects exactly one root field, and not an introspection field (spec
/// §5.2.3.1 "Single root field"). Fields are collected as execution would, without variables.
public struct SingleFieldSubscriptionsRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .operation(let operation) = node, operation.operation == .subscription,
            let subscriptionType = context.schema.subscriptionType
        else { return .continue }
        var collector = RootFieldCollector(context: context, rootType: subscriptionType)
        do {
            try collector.collect(operation.selectionSet)
        } catch {
            context.abort(with: error)
            return .continue
        }
        let groups = collector.groups
        let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if groups.count > 1 {
            context.report(
                "\(subject) must select only one top level field.",
                at: groups.dropFirst().flatMap { $0.map(\.location) })
        }
        for fields in groups where fields[0].name.value.hasPrefix("__") {
            context.report(
                "\(subject) must not select an introspection top level field.", at: fields.map(\.location))
        }
        return .continue
    }
}

/// The root fields an operation selects, grouped by response key in order, as graphql-js's
/// `collectFields` finds them with no variable values (so `@skip`/`@include` on a variable
/// fail as they do there).
private struct RootFieldCollector {
    let context: ValidationContext
    let rootType: ObjectType
    private(set) var groups: [[Field]] = []
    private var groupIndex: [String: Int] = [:]
    private var visitedFragments: Set<String> = []

    init(context: ValidationContext, rootType: ObjectType) {
        self.context = context
        self.rootType = rootType
    }

    mutating func collect(_ selectionSet: SelectionSet) throws(GraphQLError) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard try shouldInclude(field.directives) else { continue }
                if let index = groupIndex[field.responseKey] {
                    groups[index].append(field)
                } else {
                    groupIndex[field.responseKey] = groups.count
                    groups.append([field])
                }
            case .inlineFragment(let fragment):
                guard try shouldInclude(fragment.directives), conditionMatches(fragment.typeCondition) else {
                    continue
                }
                try collect(fragment.selectionSet)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), try shouldInclude(spread.directives) else { continue }
                visitedFragments.insert(name)
                guard let fragment = context.fragment(named: name), conditionMatches(fragment.typeCondition) else {
                    continue
                }
                try collect(fragment.selectionSet)
            }
        }
    }

    private func conditionMatches(_ condition: NamedType?) -> Bool {
        guard let condition else { return true }
        guard let type = context.schema.type(named: condition.name.value) else { return false }
        if case .object(let object) = type, object === rootType { return true }
        return type.isAbstractType && context.schema.isSubType(type, .object(rootType))
    }

    private func shouldInclude(_ directives: [Directive]) throws(GraphQLError) -> Bool {
        if let skip = directives.first(where: { $0.name.value == "skip" }), try condition(of: skip) == true {
            return false
        }
        if let include = directives.first(where: { $0.name.value == "include" }), try condition(of: include) == false {
            return false
        }
        return true
    }

    /// The `if:` argument's value, coerced as graphql-js's `getDirectiveValues` does.
    private func condition(of directive: Directive) throws(GraphQLError) -> Bool? {
        guard let argument = directive.arguments.last(where: { $0.name.value == "if" }) else {
            throw GraphQLError(
                "Argument \"if\" of required type \"Boolean!\" was not provided.", in: context.source,
                at: [directive.location])
        }
        switch argument.value {
        case .variable(let variable):
            throw GraphQLError(
                "Argument \"if\" of required type \"Boolean!\" was provided the variable \"$\(variable.name.value)\" which was not provided a runtime value.",
                in: context.source, at: [argument.value.location])
        case .null:
            throw GraphQLError(
                "Argument \"if\" of non-null type \"Boolean!\" must not be null.", in: context.source,
                at: [argument.value.location])
        case .boolean(let flag):
            return flag.value
        default:
            throw GraphQLError(
                "Argument \"if\" has invalid value \(Printer.print(argument.value)).", in: context.source,
                at: [argument.value.location])
        }
    }
}
