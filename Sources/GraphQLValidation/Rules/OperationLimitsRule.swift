import GraphQLLanguage
import GraphQLSchema

/// Bounds on what one operation may ask for, checked before execution.
public struct OperationLimits: Sendable, Equatable {
    /// The deepest field nesting (a root field is at depth 1); `__typename` does not count.
    public var maxDepth: Int
    /// The largest worst-case cost (see `OperationLimitsRule`).
    public var maxCost: Int
    /// The most aliases, over the operation and the fragments it uses.
    public var maxAliases: Int
    /// The most fields selected at the root.
    public var maxRootFields: Int
    /// The size assumed for a list field without `@listSize`.
    public var defaultListSize: Int

    public init(maxDepth: Int = 12, maxCost: Int = 25_000, maxAliases: Int = 30, maxRootFields: Int = 20,
                defaultListSize: Int = 10) {
        self.maxDepth = maxDepth
        self.maxCost = maxCost
        self.maxAliases = maxAliases
        self.maxRootFields = maxRootFields
        self.defaultListSize = defaultListSize
    }
}

/// Rejects operations over `OperationLimits`, each error naming the limit and by how much it
/// is exceeded, with `extensions.code` `LIMIT_EXCEEDED` and `extensions.limit`.
///
/// Cost follows the IBM GraphQL Cost Directive's static analysis: every field of a composite
/// type costs its `@cost(weight:)`, or 1 (leaves cost their weight, or 0); a list field's
/// selections cost as many times as the list may hold items: the value of its first present
/// `@listSize(slicingArguments:)` argument (its default when omitted, the list's length for
/// a list argument, `assumedSize` — or, without one, the slicing argument's own default — when
/// a variable gives it, since validation runs before variables are known), else its
/// `@listSize(assumedSize:)`, else `defaultListSize`. With `@listSize(sizedFields:)` only those
/// sub-fields are multiplied (a connection's `edges` and `nodes`, not its `totalCount`).
/// Fragments are expanded where they are spread (a cycle, which another rule reports, stops).
public struct OperationLimitsRule: ValidationRule {
    public let limits: OperationLimits

    public init(limits: OperationLimits) {
        self.limits = limits
    }

    public var entering: ValidationNodeKinds { .operation }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .operation(let operation) = node, let root = context.schema.rootType(for: operation.operation) else {
            return .skipChildren
        }
        var analysis = Analysis(context: context, limits: limits, operation: operation)
        let cost = analysis.cost(of: operation.selectionSet, on: .object(root), depth: 1, fragments: [])
        let name = operation.name.map { "Operation \"\($0.value)\"" } ?? "The operation"
        func exceeded(_ limit: String, _ message: String) {
            context.report(
                GraphQLError(
                    message: message,
                    locations: context.source.map { [$0.location(of: operation.location.start)] } ?? [],
                    extensions: ["code": "LIMIT_EXCEEDED", "limit": limit]))
        }
        let rootFields = operation.selectionSet.selections.count { if case .field = $0 { true } else { false } }
        if rootFields > limits.maxRootFields {
            exceeded("rootFields", "\(name) selects \(rootFields) root fields; at most \(limits.maxRootFields) are allowed (\(rootFields - limits.maxRootFields) too many).")
        }
        if analysis.aliases > limits.maxAliases {
            exceeded("aliases", "\(name) uses \(analysis.aliases) aliases; at most \(limits.maxAliases) are allowed (\(analysis.aliases - limits.maxAliases) too many).")
        }
        if analysis.depth > limits.maxDepth {
            exceeded("depth", "\(name) is \(analysis.depth) levels deep; at most \(limits.maxDepth) are allowed (\(analysis.depth - limits.maxDepth) too many).")
        }
        if cost > limits.maxCost {
            exceeded("cost", "\(name) may cost \(cost); at most \(limits.maxCost) is allowed (\(cost - limits.maxCost) over).")
        }
        return .skipChildren
    }

    /// One pass over an operation with its fragments expanded.
    private struct Analysis {
        let context: ValidationContext
        let limits: OperationLimits
        let operation: OperationDefinition
        var aliases = 0
        var depth = 0
        /// Fragments whose aliases were counted (each counts once, however often it is spread).
        var countedFragments: Set<String> = []

        init(context: ValidationContext, limits: OperationLimits, operation: OperationDefinition) {
            self.context = context
            self.limits = limits
            self.operation = operation
        }

        /// The cost of a selection set on `type`; `fragments` are those being expanded (a cycle stops).
        /// `sizedFields`: sub-fields whose list size the parent's `@listSize` gives.
        mutating func cost(
            of selectionSet: SelectionSet, on type: GraphQLNamedType, depth: Int, fragments: Set<String>,
            inFragment: String? = nil, sizedFields: [String: Int] = [:]
        ) -> Int {
            var total = 0
            for selection in selectionSet.selections {
                switch selection {
                case .field(let field):
                    if field.alias != nil && (inFragment.map { !countedFragments.contains($0) } ?? true) { aliases += 1 }
                    guard field.name.value != "__typename" else { continue }
                    self.depth = max(self.depth, depth)
                    guard let definition = context.schema.fieldDefinition(on: type, named: field.name.value) else { continue }
                    total = saturatingAdd(
                        total,
                        cost(of: field, definition, depth: depth, fragments: fragments, inFragment: inFragment,
                             sizedBy: sizedFields[field.name.value]))
                case .inlineFragment(let fragment):
                    let condition = fragment.typeCondition.flatMap { context.schema.type(named: $0.name.value) } ?? type
                    total = saturatingAdd(
                        total,
                        cost(of: fragment.selectionSet, on: condition, depth: depth, fragments: fragments,
                             inFragment: inFragment, sizedFields: sizedFields))
                case .fragmentSpread(let spread):
                    let name = spread.name.value
                    guard !fragments.contains(name), let fragment = context.fragment(named: name),
                        let condition = context.schema.type(named: fragment.typeCondition.name.value)
                    else { continue }
                    total = saturatingAdd(
                        total,
                        cost(of: fragment.selectionSet, on: condition, depth: depth, fragments: fragments.union([name]),
                             inFragment: name, sizedFields: sizedFields))
                    countedFragments.insert(name)
                }
            }
            return total
        }

        /// A field's cost: its weight plus its selections' cost, once per item it may return.
        /// `sizedBy`: the list size a parent's `@listSize(sizedFields:)` gives this field.
        private mutating func cost(
            of field: Field, _ definition: GraphQLField, depth: Int, fragments: Set<String>, inFragment: String?,
            sizedBy: Int?
        ) -> Int {
            let directives = definition.astNode?.directives ?? []
            let named = definition.type.namedType
            let isComposite: Bool
            switch named {
            case .object, .interface, .union: isComposite = true
            default: isComposite = false
            }
            let weight = Self.intArgument(directives.first { $0.name.value == "cost" }, "weight") ?? (isComposite ? 1 : 0)
            guard let selectionSet = field.selectionSet, isComposite else { return weight }
            let listSize = directives.first { $0.name.value == "listSize" }
            let size = self.size(of: field, definition, listSize)
            if let sizedFields = Self.stringsArgument(listSize, "sizedFields"), !sizedFields.isEmpty {
                // The field is one object (a connection); its sized sub-fields hold the items.
                let children = cost(
                    of: selectionSet, on: named, depth: depth + 1, fragments: fragments, inFragment: inFragment,
                    sizedFields: Dictionary(sizedFields.map { ($0, size) }, uniquingKeysWith: { first, _ in first }))
                return saturatingAdd(weight, children)
            }
            let children = cost(of: selectionSet, on: named, depth: depth + 1, fragments: fragments, inFragment: inFragment)
            return saturatingAdd(weight, saturatingMultiply(sizedBy ?? size, children))
        }

        /// How many items a list field may return.
        private func size(of field: Field, _ definition: GraphQLField, _ listSize: Directive?) -> Int {
            let assumed = Self.intArgument(listSize, "assumedSize")
            for name in Self.stringsArgument(listSize, "slicingArguments") ?? [] {
                if let argument = field.arguments.first(where: { $0.name.value == name }) {
                    switch argument.value {
                    case .int(let value): return max(0, Int(value.value) ?? Int.max)
                    case .list(let list): return list.values.count
                    case .variable(let variable):
                        let definitionDefault = operation.variableDefinitions
                            .first { $0.variable.name.value == variable.name.value }?.defaultValue
                        if case .int(let value)? = definitionDefault, assumed == nil { return Int(value.value) ?? Int.max }
                        return assumed ?? Self.defaultSize(definition, name) ?? limits.defaultListSize
                    default: continue
                    }
                }
                if let size = Self.defaultSize(definition, name) { return size }
            }
            if let assumed { return assumed }
            if case .list = definition.type.nullableType { return limits.defaultListSize }
            return 1
        }

        private static func defaultSize(_ definition: GraphQLField, _ argument: String) -> Int? {
            if case .int(let value)? = definition.arguments.first(where: { $0.name == argument })?.defaultValue { return value }
            return nil
        }

        private static func intArgument(_ directive: Directive?, _ name: String) -> Int? {
            guard case .int(let value)? = directive?.arguments.first(where: { $0.name.value == name })?.value else { return nil }
            return Int(value.value)
        }

        private static func stringsArgument(_ directive: Directive?, _ name: String) -> [String]? {
            switch directive?.arguments.first(where: { $0.name.value == name })?.value {
            case .list(let list)?:
                return list.values.compactMap { if case .string(let string) = $0 { string.value } else { nil } }
            case .string(let string)?: return [string.value]
            default: return nil
            }
        }
    }
}

private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

private func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}
