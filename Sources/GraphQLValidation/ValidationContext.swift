import GraphQLLanguage
import GraphQLSchema

/// What rules see of a validation in progress: the schema and document, the types around the
/// node being walked, fragment and variable lookups (computed once per document), and the
/// errors reported so far.
public final class ValidationContext {
    public let schema: Schema
    public let document: Document
    public let source: Source?
    public private(set) var errors: [GraphQLError] = []
    /// Set once the error limit is reached (or validation cannot go on): the walk stops.
    public private(set) var isAborted = false

    var typeInfo: TypeInfo
    let maxErrorCount: Int
    /// Fragment definitions by name; the last of several with one name wins, as in graphql-js.
    private let fragmentIndex: [String: Int]
    /// The index in `document.definitions` of the definition being walked.
    var definitionIndex = 0

    private var spreadsByDefinition: [Int: [FragmentSpread]] = [:]
    private var referencedFragmentsByOperation: [Int: [Int]] = [:]
    private var usagesByDefinition: [Int: [VariableUsage]] = [:]
    private var pendingUsages: [VariableUsage] = []
    private var recursiveUsagesByOperation: [Int: [VariableUsage]] = [:]

    init(schema: Schema, document: Document, source: Source?, maxErrors: Int) {
        self.schema = schema
        self.document = document
        self.source = source
        self.maxErrorCount = maxErrors
        self.typeInfo = TypeInfo(schema: schema)
        var fragmentIndex: [String: Int] = [:]
        for (index, definition) in document.definitions.enumerated() {
            if case .fragment(let fragment) = definition { fragmentIndex[fragment.name.value] = index }
        }
        self.fragmentIndex = fragmentIndex
    }

    // MARK: - Reporting

    /// Reports an error about the nodes at `locations`, in the order given.
    public func report(_ message: String, at locations: [Location]) {
        report(GraphQLError(message, in: source, at: locations))
    }

    /// Reports an error; past the error limit, reports graphql-js's "too many errors" and stops.
    public func report(_ error: GraphQLError) {
        guard !isAborted else { return }
        if errors.count >= maxErrorCount {
            errors.append(GraphQLError(message: "Too many validation errors, error limit reached. Validation aborted."))
            isAborted = true
            return
        }
        errors.append(error)
    }

    /// Reports an error that ends validation (where graphql-js's `validate` throws).
    func abort(with error: GraphQLError) {
        guard !isAborted else { return }
        errors.append(error)
        isAborted = true
    }

    // MARK: - Types in scope

    /// The output type of the field (or fragment, or operation) being walked.
    public var type: GraphQLType? { typeInfo.type }
    /// The composite type whose selection set is being walked.
    public var parentType: GraphQLNamedType? { typeInfo.parentType }
    /// The type a value at this position must have.
    public var inputType: GraphQLType? { typeInfo.inputType }
    /// The input type of the list or input object around this position.
    public var parentInputType: GraphQLType? { typeInfo.parentInputType }
    /// The definition of the field being walked.
    public var fieldDefinition: GraphQLField? { typeInfo.fieldDefinition }
    /// The field being walked, as resolved once per validation (cheaper than a definition copy).
    var field: ResolvedField? { typeInfo.field }
    /// The definition of the directive being walked.
    public var directive: GraphQLDirective? { typeInfo.directive }
    /// The definition of the argument being walked.
    public var argument: InputValue? { typeInfo.argument }
    /// The definition of the enum value being walked.
    public var enumValue: EnumType.Value? { typeInfo.enumValue }

    // MARK: - Fragments

    /// The fragment definition with this name.
    public func fragment(named name: String) -> FragmentDefinition? {
        fragmentDefinitionIndex(name).map { fragment(at: $0) }
    }

    func fragmentDefinitionIndex(_ name: String) -> Int? { fragmentIndex[name] }

    func fragment(at index: Int) -> FragmentDefinition {
        guard case .fragment(let fragment) = document.definitions[index] else {
            preconditionFailure("definition \(index) is not a fragment")
        }
        return fragment
    }

    /// The fragment spreads in a definition's selection set, nested ones included, in
    /// graphql-js's order (a set's own spreads first, then nested sets, last first).
    func fragmentSpreads(ofDefinitionAt index: Int) -> [FragmentSpread] {
        if let spreads = spreadsByDefinition[index] { return spreads }
        let selectionSet: SelectionSet
        switch document.definitions[index] {
        case .operation(let operation): selectionSet = operation.selectionSet
        case .fragment(let fragment): selectionSet = fragment.selectionSet
        default: return []
        }
        var spreads: [FragmentSpread] = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let subselection = field.selectionSet { setsToVisit.append(subselection) }
                case .inlineFragment(let fragment): setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        spreadsByDefinition[index] = spreads
        return spreads
    }

    /// The definition indexes of the fragments an operation uses, directly or through other
    /// fragments, in graphql-js's order.
    func recursivelyReferencedFragments(ofOperationAt index: Int) -> [Int] {
        if let fragments = referencedFragmentsByOperation[index] { return fragments }
        var fragments: [Int] = []
        var collected: Set<String> = []
        var toVisit = [index]
        while let definition = toVisit.popLast() {
            for spread in fragmentSpreads(ofDefinitionAt: definition) {
                let name = spread.name.value
                guard collected.insert(name).inserted, let fragment = fragmentDefinitionIndex(name) else { continue }
                fragments.append(fragment)
                toVisit.append(fragment)
            }
        }
        referencedFragmentsByOperation[index] = fragments
        return fragments
    }

    /// The fragments the operation being walked uses, directly or through other fragments.
    public var recursivelyReferencedFragments: [FragmentDefinition] {
        recursivelyReferencedFragments(ofOperationAt: definitionIndex).map { fragment(at: $0) }
    }

    // MARK: - Variables

    /// Every variable used in the operation being walked and in the fragments it uses, with
    /// the type expected where it is used.
    public var recursiveVariableUsages: [VariableUsage] { recursiveVariableUsages(ofOperationAt: definitionIndex) }

    func recursiveVariableUsages(ofOperationAt index: Int) -> [VariableUsage] {
        if let usages = recursiveUsagesByOperation[index] { return usages }
        var usages = variableUsages(ofDefinitionAt: index)
        for fragment in recursivelyReferencedFragments(ofOperationAt: index) {
            usages += variableUsages(ofDefinitionAt: fragment)
        }
        recursiveUsagesByOperation[index] = usages
        return usages
    }

    /// The variables used in one operation or fragment: recorded by the walk once it has been
    /// through the definition, else found by a walk of its own (a fragment defined after the
    /// operation that spreads it).
    func variableUsages(ofDefinitionAt index: Int) -> [VariableUsage] {
        if let usages = usagesByDefinition[index] { return usages }
        var collector = VariableUsageCollector(schema: schema)
        switch document.definitions[index] {
        case .operation(let operation): collector.collect(operation)
        case .fragment(let fragment) where !fragment.directives.isEmpty || fragment.selectionSet.containsVariables:
            collector.collect(fragment)
        default: break
        }
        usagesByDefinition[index] = collector.usages
        return collector.usages
    }

    /// Records a variable the walk meets in the definition being walked.
    func recordUsage(_ usage: VariableUsage) { pendingUsages.append(usage) }

    /// Files the variables recorded for the definition being walked, which has been walked.
    func finishUsages() {
        if usagesByDefinition[definitionIndex] == nil { usagesByDefinition[definitionIndex] = pendingUsages }
        pendingUsages.removeAll(keepingCapacity: true)
    }
}
