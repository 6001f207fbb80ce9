import GraphQLLanguage
import GraphQLSchema

/// The one walk of a document that drives every rule, as graphql-js's `visitInParallel`
/// wrapped in `visitWithTypeInfo` does: at each node the type information is updated, then
/// each rule interested in that kind of node sees it, in rule order; a rule that skips a
/// node sees nothing more until the walk leaves that node.
///
/// Children are walked in graphql-js's key order (for a field: arguments, directives, then
/// the selection set), which is what makes errors come out in its order.
struct DocumentWalker {
    private var rules: [any ValidationRule]
    let context: ValidationContext
    /// For each node kind, the rules whose `enter` (and `leave`) want it, in rule order.
    private let enterers: [[Int]]
    private let leavers: [[Int]]
    /// The kinds some rule wants: others are walked without building a `ValidationNode`.
    private let wanted: ValidationNodeKinds
    /// For each rule, the depth of the node it skips, or `-1`.
    private var skipping: [Int]
    private var skipCount = 0
    private var depth = 0
    /// Variables in a variable definition (in its directives) are not usages.
    private var inVariableDefinition = false

    init(rules: [any ValidationRule], context: ValidationContext) {
        self.rules = rules
        self.context = context
        var enterers = [[Int]](repeating: [], count: ValidationNodeKinds.count)
        var leavers = [[Int]](repeating: [], count: ValidationNodeKinds.count)
        var wanted: ValidationNodeKinds = []
        for (position, rule) in rules.enumerated() {
            let entering = rule.entering
            let leaving = rule.leaving
            wanted.formUnion(entering)
            wanted.formUnion(leaving)
            for kind in 0..<ValidationNodeKinds.count {
                let bit = ValidationNodeKinds(rawValue: 1 << kind)
                if entering.contains(bit) { enterers[kind].append(position) }
                if leaving.contains(bit) { leavers[kind].append(position) }
            }
        }
        self.enterers = enterers
        self.leavers = leavers
        self.wanted = wanted
        self.skipping = [Int](repeating: -1, count: rules.count)
    }

    // MARK: - Dispatch

    mutating func enter(_ node: ValidationNode) {
        depth += 1
        for position in enterers[node.kind.index] where skipping[position] < 0 {
            if rules[position].enter(node, context) == .skipChildren {
                skipping[position] = depth
                skipCount += 1
            }
            if context.isAborted { return }
        }
    }

    mutating func leave(_ node: ValidationNode) {
        for position in leavers[node.kind.index] where skipping[position] < 0 {
            rules[position].leave(node, context)
            if context.isAborted { return }
        }
        if skipCount > 0 {
            for position in skipping.indices where skipping[position] == depth {
                skipping[position] = -1
                skipCount -= 1
            }
        }
        depth -= 1
    }

    /// Whether some rule wants this kind of node; if not, the walk only counts its depth.
    @inline(__always)
    func wants(_ kind: ValidationNodeKinds) -> Bool { wanted.contains(kind) }

    private mutating func enterQuietly() { depth += 1 }

    private mutating func leaveQuietly() {
        if skipCount > 0 {
            for position in skipping.indices where skipping[position] == depth {
                skipping[position] = -1
                skipCount -= 1
            }
        }
        depth -= 1
    }

    // MARK: - Document

    mutating func walk(_ document: Document) {
        enter(.document(document))
        if context.isAborted { return }
        for (index, definition) in document.definitions.enumerated() {
            context.definitionIndex = index
            switch definition {
            case .operation(let operation): walk(operation)
            case .fragment(let fragment): walk(fragment)
            case .schema(let schema): walk(schema)
            case .schemaExtension(let schemaExtension): walk(schemaExtension)
            case .type(let type): walk(type, isExtension: false)
            case .typeExtension(let typeExtension): walk(typeExtension.definition, isExtension: true)
            case .directive(let directive): walk(directive)
            }
            if context.isAborted { return }
        }
        leave(.document(document))
    }

    // MARK: - Executable definitions

    private mutating func walk(_ operation: OperationDefinition) {
        context.typeInfo.enterOperation(operation.operation)
        enter(.operation(operation))
        if context.isAborted { return }
        for variableDefinition in operation.variableDefinitions {
            walk(variableDefinition)
            if context.isAborted { return }
        }
        walk(operation.directives, at: operation.operation.directiveLocation)
        if context.isAborted { return }
        walk(operation.selectionSet)
        if context.isAborted { return }
        context.finishUsages()
        leave(.operation(operation))
        context.typeInfo.leaveTypeScope()
    }

    private mutating func walk(_ variableDefinition: VariableDefinition) {
        inVariableDefinition = true
        defer { inVariableDefinition = false }
        context.typeInfo.enterVariableDefinition(variableDefinition.type)
        enter(.variableDefinition(variableDefinition))
        if context.isAborted { return }
        walk(variableDefinition.type, inTypeSystem: false)
        if let defaultValue = variableDefinition.defaultValue { walk(defaultValue) }
        if context.isAborted { return }
        walk(variableDefinition.directives, at: .variableDefinition)
        if context.isAborted { return }
        leave(.variableDefinition(variableDefinition))
        context.typeInfo.leaveVariableDefinition()
    }

    private mutating func walk(_ fragment: FragmentDefinition) {
        context.typeInfo.enterFragment(typeCondition: fragment.typeCondition)
        enter(.fragmentDefinition(fragment))
        if context.isAborted { return }
        walkNamedType(fragment.typeCondition, inTypeSystem: false)
        walk(fragment.directives, at: .fragmentDefinition)
        if context.isAborted { return }
        walk(fragment.selectionSet)
        if context.isAborted { return }
        context.finishUsages()
        leave(.fragmentDefinition(fragment))
        context.typeInfo.leaveTypeScope()
    }

    private mutating func walk(_ selectionSet: SelectionSet) {
        context.typeInfo.enterSelectionSet()
        let visible = wants(.selectionSet)
        if visible { enter(.selectionSet(selectionSet)) } else { enterQuietly() }
        if context.isAborted { return }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): walk(field)
            case .fragmentSpread(let spread): walk(spread)
            case .inlineFragment(let fragment): walk(fragment)
            }
            if context.isAborted { return }
        }
        if visible { leave(.selectionSet(selectionSet)) } else { leaveQuietly() }
        context.typeInfo.leaveSelectionSet()
    }

    private mutating func walk(_ field: Field) {
        context.typeInfo.enterField(named: field.name.value)
        enter(.field(field))
        if context.isAborted { return }
        walk(field.arguments)
        if context.isAborted { return }
        walk(field.directives, at: .field)
        if context.isAborted { return }
        if let selectionSet = field.selectionSet {
            walk(selectionSet)
            if context.isAborted { return }
        }
        leave(.field(field))
        context.typeInfo.leaveField()
    }

    private mutating func walk(_ spread: FragmentSpread) {
        enter(.fragmentSpread(spread))
        if context.isAborted { return }
        walk(spread.directives, at: .fragmentSpread)
        if context.isAborted { return }
        leave(.fragmentSpread(spread))
    }

    private mutating func walk(_ fragment: InlineFragment) {
        context.typeInfo.enterFragment(typeCondition: fragment.typeCondition)
        enter(.inlineFragment(fragment))
        if context.isAborted { return }
        if let typeCondition = fragment.typeCondition { walkNamedType(typeCondition, inTypeSystem: false) }
        if context.isAborted { return }
        walk(fragment.directives, at: .inlineFragment)
        if context.isAborted { return }
        walk(fragment.selectionSet)
        if context.isAborted { return }
        leave(.inlineFragment(fragment))
        context.typeInfo.leaveTypeScope()
    }

    // MARK: - Directives, arguments, values

    mutating func walk(_ directives: [Directive], at location: DirectiveLocation?) {
        for directive in directives {
            context.typeInfo.enterDirective(named: directive.name.value)
            enter(.directive(directive, location: location))
            if context.isAborted { return }
            walk(directive.arguments)
            if context.isAborted { return }
            leave(.directive(directive, location: location))
            context.typeInfo.leaveDirective()
        }
    }

    private mutating func walk(_ arguments: [Argument]) {
        for argument in arguments {
            context.typeInfo.enterArgument(named: argument.name.value)
            enter(.argument(argument))
            if context.isAborted { return }
            walk(argument.value)
            if context.isAborted { return }
            leave(.argument(argument))
            context.typeInfo.leaveArgument()
        }
    }

    mutating func walk(_ value: Value) {
        let visible = wants(.value)
        switch value {
        case .list(let list):
            context.typeInfo.enterList()
            if visible { enter(.value(value)) } else { enterQuietly() }
            if context.isAborted { return }
            for item in list.values {
                walk(item)
                if context.isAborted { return }
            }
            if visible { leave(.value(value)) } else { leaveQuietly() }
            context.typeInfo.leaveInputPosition()
        case .object(let object):
            if visible { enter(.value(value)) } else { enterQuietly() }
            if context.isAborted { return }
            for field in object.fields {
                context.typeInfo.enterObjectField(named: field.name.value)
                enter(.objectField(field))
                if context.isAborted { return }
                walk(field.value)
                if context.isAborted { return }
                leave(.objectField(field))
                context.typeInfo.leaveInputPosition()
            }
            if visible { leave(.value(value)) } else { leaveQuietly() }
        case .enumValue(let enumValue):
            context.typeInfo.enterEnumValue(enumValue.value)
            if visible {
                enter(.value(value))
                if context.isAborted { return }
                leave(.value(value))
            }
            context.typeInfo.leaveEnumValue()
        case .variable(let variable):
            if !inVariableDefinition {
                context.recordUsage(
                    VariableUsage(
                        variable: variable, type: context.typeInfo.inputType,
                        hasDefaultValue: context.typeInfo.hasDefaultValue, parentType: context.typeInfo.parentInputType))
            }
            if visible {
                enter(.value(value))
                if context.isAborted { return }
                leave(.value(value))
            }
        default:
            if visible {
                enter(.value(value))
                if context.isAborted { return }
                leave(.value(value))
            }
        }
    }

    mutating func walk(_ type: TypeReference, inTypeSystem: Bool) {
        switch type {
        case .named(let named): walkNamedType(named, inTypeSystem: inTypeSystem)
        case .list(let inner, _), .nonNull(let inner, _): walk(inner, inTypeSystem: inTypeSystem)
        }
    }

    mutating func walkNamedType(_ named: NamedType, inTypeSystem: Bool) {
        guard wants(.namedType) else { return }
        enter(.namedType(named, inTypeSystem: inTypeSystem))
        if context.isAborted { return }
        leave(.namedType(named, inTypeSystem: inTypeSystem))
    }
}

extension OperationType {
    /// The directive location of an operation of this type.
    var directiveLocation: DirectiveLocation {
        switch self {
        case .query: .query
        case .mutation: .mutation
        case .subscription: .subscription
        }
    }
}
