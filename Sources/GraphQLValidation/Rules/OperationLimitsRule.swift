import GraphQLLanguage
import GraphQLSchema

/// Bounds on what one operation may ask for, checked before execution.
public struct OperationLimits: Sendable, Equatable {
    /// The deepest field nesting (a root field is at depth 1); `__typename` and the fields
    /// inside `__schema` and `__type` do not count (`maxIntrospectionDepth` bounds those).
    public var maxDepth: Int
    /// The largest worst-case cost (see `OperationCost`), known once the variables are.
    public var maxCost: Int
    /// The most aliases, over the operation and the fragments it uses.
    public var maxAliases: Int
    /// The most fields selected at the root.
    public var maxRootFields: Int
    /// The most directives, over the operation and the fragments it uses.
    public var maxDirectives: Int
    /// The most field selections once every fragment spread is replaced by its fragment:
    /// what a document can make validation and execution walk, however small its text.
    public var maxSelections: Int
    /// How deep the introspection lists that can multiply (`fields`, `inputFields`,
    /// `interfaces`, `possibleTypes`) may nest inside one another.
    public var maxIntrospectionDepth: Int
    /// The size assumed for a list field without `@listSize`.
    public var defaultListSize: Int

    public init(
        maxDepth: Int = 12, maxCost: Int = 25_000, maxAliases: Int = 30, maxRootFields: Int = 20,
        maxDirectives: Int = 50, maxSelections: Int = 5_000, maxIntrospectionDepth: Int = 2,
        defaultListSize: Int = 10
    ) {
        self.maxDepth = maxDepth
        self.maxCost = maxCost
        self.maxAliases = maxAliases
        self.maxRootFields = maxRootFields
        self.maxDirectives = maxDirectives
        self.maxSelections = maxSelections
        self.maxIntrospectionDepth = maxIntrospectionDepth
        self.defaultListSize = defaultListSize
    }

    /// An error naming the limit (`extensions.limit`) at the operation's location.
    func exceeded(_ limit: String, _ message: String, operation: OperationDefinition, source: Source?) -> GraphQLError {
        GraphQLError(
            message: message,
            locations: source.map { [$0.location(of: operation.location.start)] } ?? [],
            extensions: ["code": "LIMIT_EXCEEDED", "limit": limit])
    }

    /// How an operation is named in limit errors.
    static func describe(_ operation: OperationDefinition) -> String {
        operation.name.map { "Operation \"\($0.value)\"" } ?? "The operation"
    }
}

/// Rejects operations over the shape limits of `OperationLimits` (depth, aliases, root fields,
/// directives, selections, introspection depth), each error naming the limit and by how much it is
/// exceeded, with `extensions.code` `LIMIT_EXCEEDED` and `extensions.limit`. The cost depends
/// on the variables' values, so execution checks it (`OperationCost`).
///
/// The work is linear in the document: each fragment is measured once, however many times
/// it is spread, and its measure reused at every spread. A document of 40 fragments each
/// spreading the next twice (2^40 selections once expanded) is measured in 40 steps and
/// refused by `maxSelections`. A fragment cycle (which `NoFragmentCyclesRule` reports) counts
/// nothing past the spread that closes it.
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
        var measure = ShapeMeasure(context: context)
        let shape = measure.shape(of: operation.selectionSet, on: .object(root))
        measure.count(operation.directives)
        let name = OperationLimits.describe(operation)
        func exceeded(_ limit: String, _ message: String) {
            context.report(limits.exceeded(limit, message, operation: operation, source: context.source))
        }
        let rootFields = operation.selectionSet.selections.count { if case .field = $0 { true } else { false } }
        if rootFields > limits.maxRootFields {
            exceeded("rootFields", "\(name) selects \(rootFields) root fields; at most \(limits.maxRootFields) are allowed (\(rootFields - limits.maxRootFields) too many).")
        }
        if measure.aliases > limits.maxAliases {
            exceeded("aliases", "\(name) uses \(measure.aliases) aliases; at most \(limits.maxAliases) are allowed (\(measure.aliases - limits.maxAliases) too many).")
        }
        if measure.directives > limits.maxDirectives {
            exceeded("directives", "\(name) uses \(measure.directives) directives; at most \(limits.maxDirectives) are allowed (\(measure.directives - limits.maxDirectives) too many).")
        }
        if shape.depth > limits.maxDepth {
            exceeded("depth", "\(name) is \(shape.depth) levels deep; at most \(limits.maxDepth) are allowed (\(shape.depth - limits.maxDepth) too many).")
        }
        if shape.selections > limits.maxSelections {
            let count = shape.selections == Int.max ? "\(Int.max) or more" : "\(shape.selections)"
            exceeded("selections", "\(name) selects \(count) fields once its fragments are expanded; at most \(limits.maxSelections) are allowed.")
        }
        if shape.introspectionDepth > limits.maxIntrospectionDepth {
            exceeded("introspectionDepth", "\(name) nests introspection lists (fields, inputFields, interfaces, possibleTypes) \(shape.introspectionDepth) deep; at most \(limits.maxIntrospectionDepth) are allowed (\(shape.introspectionDepth - limits.maxIntrospectionDepth) too many).")
        }
        return .skipChildren
    }
}

/// What the shape limits measure of a selection set, its fragments expanded.
struct Shape {
    /// The deepest nesting of fields that count towards `maxDepth`.
    var depth = 0
    /// Field selections, each counted once per place its fragment is spread (saturating).
    var selections = 0
    /// The deepest nesting of the introspection lists that multiply.
    var introspectionDepth = 0

    /// Adds a sibling's measure: selections add up, depths take the deeper.
    mutating func include(_ other: Shape) {
        depth = max(depth, other.depth)
        selections = saturatingAdd(selections, other.selections)
        introspectionDepth = max(introspectionDepth, other.introspectionDepth)
    }
}

/// One operation's measure, with each fragment measured once.
private struct ShapeMeasure {
    let context: ValidationContext
    /// Aliases in the operation and in each fragment it uses, each fragment counted once.
    var aliases = 0
    /// Directives in the operation and in each fragment it uses, each fragment counted once.
    var directives = 0
    /// Fragments already measured. A fragment's type condition fixes the types inside it,
    /// so its measure is the same at every spread.
    var measured: [String: Shape] = [:]
    /// Fragments being measured: a spread of one of these closes a cycle and counts nothing.
    var measuring: Set<String> = []

    /// The introspection fields that return lists of types, fields or values, which can
    /// nest to multiply an answer (`__Type.fields` → `__Field.type` → `__Type.fields`…).
    static let multiplyingIntrospectionFields: Set<String> = ["fields", "inputFields", "interfaces", "possibleTypes"]

    init(context: ValidationContext) {
        self.context = context
    }

    /// The measure of a selection set on `type` (nil where the type is unknown: other rules
    /// report that, and the selections still count).
    mutating func shape(of selectionSet: SelectionSet, on type: GraphQLNamedType?) -> Shape {
        var shape = Shape()
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                shape.include(self.shape(of: field, on: type))
            case .inlineFragment(let fragment):
                count(fragment.directives)
                let condition = fragment.typeCondition.map { context.schema.type(named: $0.name.value) } ?? type
                shape.include(self.shape(of: fragment.selectionSet, on: condition))
            case .fragmentSpread(let spread):
                count(spread.directives)
                shape.include(self.shape(ofFragment: spread.name.value))
            }
        }
        return shape
    }

    mutating func count(_ directives: [Directive]) {
        self.directives += directives.count
    }

    private mutating func shape(of field: Field, on parentType: GraphQLNamedType?) -> Shape {
        if field.alias != nil { aliases += 1 }
        count(field.directives)
        let name = field.name.value
        guard name != "__typename" else { return Shape(selections: 1) }
        let fieldType = parentType.flatMap { context.schema.fieldDefinition(on: $0, named: name) }?.type.namedType
        var shape = field.selectionSet.map { self.shape(of: $0, on: fieldType) } ?? Shape()
        shape.selections = saturatingAdd(shape.selections, 1)
        // Inside `__schema` and `__type`, fields sit on introspection types: they are bounded by
        // the schema and by `maxIntrospectionDepth`, so the depth limit leaves them to it (schema
        // tools' introspection queries nest `ofType` a dozen levels deep).
        if let parentType, Introspection.isIntrospectionType(named: parentType.name) {
            if Self.multiplyingIntrospectionFields.contains(name) { shape.introspectionDepth += 1 }
        } else {
            shape.depth += 1
        }
        return shape
    }

    private mutating func shape(ofFragment name: String) -> Shape {
        if let shape = measured[name] { return shape }
        guard !measuring.contains(name), let fragment = context.fragment(named: name) else { return Shape() }
        measuring.insert(name)
        count(fragment.directives)
        let shape = self.shape(of: fragment.selectionSet, on: context.schema.type(named: fragment.typeCondition.name.value))
        measuring.remove(name)
        measured[name] = shape
        return shape
    }
}

func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}
