import GraphQLLanguage
import GraphQLSchema

/// The worst-case cost of an operation once its variables are known, after the IBM GraphQL
/// Cost Directive's static analysis.
///
/// Every field of a composite type costs its `@cost(weight:)`, or 1 (leaves cost their weight,
/// or 0); a list field's selections cost as many times as the list may hold items: the value
/// sent for its first `@listSize(slicingArguments:)` argument — a literal or a variable's
/// value, the length of a list — or, when none is sent, that argument's default (what the
/// field will then use), else its `@listSize(assumedSize:)`, else `defaultListSize`. With
/// `@listSize(sizedFields:)` only those sub-fields are multiplied (a connection's `edges` and
/// `nodes`, not its `totalCount`). Fragments count wherever they are spread; each fragment is
/// costed once per list context, so the work is linear in the document.
///
/// The cost is known only after variable coercion: counting a variable by its declared
/// default, or by the schema's, would let `first: $n` with `{"n": 100}` through as 10.
public struct OperationCost {
    let schema: Schema
    let variables: [String: CoercedValue]
    let defaultListSize: Int
    private let fragments: [String: FragmentDefinition]
    /// Fragments costed so far, by name and the list sizes a connection gives their fields.
    private var costed: [FragmentUse: Int] = [:]
    /// Fragments being costed: a spread of one of these closes a cycle and costs nothing.
    private var costing: Set<String> = []

    private struct FragmentUse: Hashable {
        var name: String
        var sizedFields: [String: Int]
    }

    /// The cost of `operation`, a member of `document`, with its coerced variables.
    public static func of(
        _ operation: OperationDefinition, in document: Document, schema: Schema, variables: [String: CoercedValue],
        defaultListSize: Int
    ) -> Int {
        guard let root = schema.rootType(for: operation.operation) else { return 0 }
        var cost = OperationCost(schema: schema, document: document, variables: variables, defaultListSize: defaultListSize)
        return cost.cost(of: operation.selectionSet, on: .object(root), sizedFields: [:])
    }

    private init(schema: Schema, document: Document, variables: [String: CoercedValue], defaultListSize: Int) {
        self.schema = schema
        self.variables = variables
        self.defaultListSize = defaultListSize
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment }
        self.fragments = fragments
    }

    /// The cost of a selection set on `type`; `sizedFields`: sub-fields whose list size the
    /// parent's `@listSize(sizedFields:)` gives.
    private mutating func cost(of selectionSet: SelectionSet, on type: GraphQLNamedType, sizedFields: [String: Int]) -> Int {
        var total = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard let definition = schema.fieldDefinition(on: type, named: field.name.value) else { continue }
                total = saturatingAdd(total, cost(of: field, definition, sizedBy: sizedFields[field.name.value]))
            case .inlineFragment(let fragment):
                let condition = fragment.typeCondition.flatMap { schema.type(named: $0.name.value) } ?? type
                total = saturatingAdd(total, cost(of: fragment.selectionSet, on: condition, sizedFields: sizedFields))
            case .fragmentSpread(let spread):
                total = saturatingAdd(total, cost(ofFragment: FragmentUse(name: spread.name.value, sizedFields: sizedFields)))
            }
        }
        return total
    }

    private mutating func cost(ofFragment use: FragmentUse) -> Int {
        if let cost = costed[use] { return cost }
        guard !costing.contains(use.name), let fragment = fragments[use.name],
            let condition = schema.type(named: fragment.typeCondition.name.value)
        else { return 0 }
        costing.insert(use.name)
        let cost = cost(of: fragment.selectionSet, on: condition, sizedFields: use.sizedFields)
        costing.remove(use.name)
        costed[use] = cost
        return cost
    }

    /// A field's cost: its weight plus its selections' cost, once per item it may return.
    /// `sizedBy`: the list size a parent's `@listSize(sizedFields:)` gives this field.
    private mutating func cost(of field: Field, _ definition: GraphQLField, sizedBy: Int?) -> Int {
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
                of: selectionSet, on: named,
                sizedFields: Dictionary(sizedFields.map { ($0, size) }, uniquingKeysWith: { first, _ in first }))
            return saturatingAdd(weight, children)
        }
        let children = cost(of: selectionSet, on: named, sizedFields: [:])
        return saturatingAdd(weight, saturatingMultiply(sizedBy ?? size, children))
    }

    /// How many items a list field may return, from the values sent for its arguments.
    private func size(of field: Field, _ definition: GraphQLField, _ listSize: Directive?) -> Int {
        for name in Self.stringsArgument(listSize, "slicingArguments") ?? [] {
            if let argument = field.arguments.first(where: { $0.name.value == name }), let size = size(of: argument.value) {
                return size
            }
            if case .int(let value)? = definition.arguments.first(where: { $0.name == name })?.defaultValue {
                return max(0, value)
            }
        }
        if let assumed = Self.intArgument(listSize, "assumedSize") { return assumed }
        if case .list = definition.type.nullableType { return defaultListSize }
        return 1
    }

    /// The size a slicing argument's value gives: an integer, or a list's length; nil for
    /// null or a variable not sent (the field then uses the argument's default).
    private func size(of value: Value) -> Int? {
        switch value {
        case .int(let value): return max(0, Int(value.value) ?? Int.max)
        case .list(let list): return list.values.count
        case .variable(let variable):
            switch variables[variable.name.value] {
            case .int(let value)?: return max(0, value)
            case .list(let items)?: return items.count
            default: return nil
            }
        default: return nil
        }
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

extension OperationLimits {
    /// The error for an operation over `maxCost` with these (coerced) variables; nil within it.
    public func costError(
        of operation: OperationDefinition, in document: Document, schema: Schema, variables: [String: CoercedValue],
        source: Source?
    ) -> GraphQLError? {
        let cost = OperationCost.of(
            operation, in: document, schema: schema, variables: variables, defaultListSize: defaultListSize)
        guard cost > maxCost else { return nil }
        let over = cost == Int.max ? "\(Int.max) or more" : "\(cost)"
        return exceeded(
            "cost", "\(Self.describe(operation)) may cost \(over); at most \(maxCost) is allowed (\(cost - maxCost) over).",
            operation: operation, source: source)
    }
}
