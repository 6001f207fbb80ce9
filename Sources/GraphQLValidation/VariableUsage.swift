import GraphQLLanguage
import GraphQLSchema

/// A variable used as a value, with what the position it is used in expects.
public struct VariableUsage: Sendable {
    public var variable: Variable
    /// The input type expected where the variable is used, if known.
    public var type: GraphQLType?
    /// Whether the position (an argument or input field) has a default value of its own.
    public var hasDefaultValue: Bool
    /// The input type of the list or input object around the position, if any.
    public var parentType: GraphQLType?
}

/// Finds the variables used in one operation or fragment, walking it apart from the main walk
/// with a `TypeInfo` of its own, as graphql-js's `getVariableUsages` does.
struct VariableUsageCollector {
    private var typeInfo: TypeInfo
    private(set) var usages: [VariableUsage] = []

    init(schema: Schema) {
        typeInfo = TypeInfo(schema: schema)
    }

    mutating func collect(_ operation: OperationDefinition) {
        typeInfo.enterOperation(operation.operation)
        directives(operation.directives)
        selectionSet(operation.selectionSet)
        typeInfo.leaveTypeScope()
    }

    mutating func collect(_ fragment: FragmentDefinition) {
        typeInfo.enterFragment(typeCondition: fragment.typeCondition)
        directives(fragment.directives)
        selectionSet(fragment.selectionSet)
        typeInfo.leaveTypeScope()
    }

    private mutating func selectionSet(_ set: SelectionSet) {
        typeInfo.enterSelectionSet()
        for selection in set.selections {
            switch selection {
            case .field(let field):
                typeInfo.enterField(named: field.name.value)
                arguments(field.arguments)
                directives(field.directives)
                if let subselection = field.selectionSet { selectionSet(subselection) }
                typeInfo.leaveField()
            case .fragmentSpread(let spread):
                directives(spread.directives)
            case .inlineFragment(let fragment):
                typeInfo.enterFragment(typeCondition: fragment.typeCondition)
                directives(fragment.directives)
                selectionSet(fragment.selectionSet)
                typeInfo.leaveTypeScope()
            }
        }
        typeInfo.leaveSelectionSet()
    }

    private mutating func directives(_ directives: [Directive]) {
        for directive in directives {
            typeInfo.enterDirective(named: directive.name.value)
            arguments(directive.arguments)
            typeInfo.leaveDirective()
        }
    }

    private mutating func arguments(_ arguments: [Argument]) {
        for argument in arguments {
            typeInfo.enterArgument(named: argument.name.value)
            value(argument.value)
            typeInfo.leaveArgument()
        }
    }

    private mutating func value(_ value: Value) {
        switch value {
        case .variable(let variable):
            usages.append(
                VariableUsage(
                    variable: variable, type: typeInfo.inputType, hasDefaultValue: typeInfo.hasDefaultValue,
                    parentType: typeInfo.parentInputType))
        case .list(let list):
            typeInfo.enterList()
            for item in list.values { self.value(item) }
            typeInfo.leaveInputPosition()
        case .object(let object):
            for field in object.fields {
                typeInfo.enterObjectField(named: field.name.value)
                self.value(field.value)
                typeInfo.leaveInputPosition()
            }
        case .int, .float, .string, .boolean, .null, .enumValue:
            break
        }
    }
}

extension SelectionSet {
    /// Whether any argument (of a field or directive) below uses a variable: a quick look,
    /// without types, before collecting usages.
    var containsVariables: Bool {
        selections.contains { selection in
            switch selection {
            case .field(let field):
                field.arguments.contains { $0.value.containsVariables }
                    || field.directives.containsVariables || field.selectionSet?.containsVariables == true
            case .fragmentSpread(let spread):
                spread.directives.containsVariables
            case .inlineFragment(let fragment):
                fragment.directives.containsVariables || fragment.selectionSet.containsVariables
            }
        }
    }
}

extension [Directive] {
    fileprivate var containsVariables: Bool {
        contains { $0.arguments.contains { $0.value.containsVariables } }
    }
}

extension Value {
    fileprivate var containsVariables: Bool {
        switch self {
        case .variable: true
        case .list(let list): list.values.contains { $0.containsVariables }
        case .object(let object): object.fields.contains { $0.value.containsVariables }
        default: false
        }
    }
}
