import GraphQLLanguage
import GraphQLSchema

/// One invariant of an executable document (spec §5 "Validation"), checked during the single
/// walk that `validate` makes of the document.
///
/// A rule is a value: `validate` copies it before the walk, so the state a rule keeps in its
/// stored properties lives for one validation only. At every node the rules see `enter` (and,
/// after the node's children, `leave`) in the order they were given, as graphql-js's parallel
/// visitor runs them; that is how errors come out in graphql-js's order.
public protocol ValidationRule: Sendable {
    /// The kinds of node this rule's `enter` wants to see.
    var entering: ValidationNodeKinds { get }
    /// The kinds of node this rule's `leave` wants to see.
    var leaving: ValidationNodeKinds { get }

    /// Called before the node's children are walked. Returning `.skipChildren` hides the
    /// node's subtree (and the node's own `leave`) from this rule only.
    mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision

    /// Called after the node's children have been walked.
    mutating func leave(_ node: ValidationNode, _ context: ValidationContext)
}

extension ValidationRule {
    public var leaving: ValidationNodeKinds { [] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        .continue
    }

    public mutating func leave(_ node: ValidationNode, _ context: ValidationContext) {}
}

/// What a rule's `enter` asks of the walk.
public enum VisitDecision: Sendable {
    case `continue`
    /// Do not show this node's subtree, nor its `leave`, to this rule.
    case skipChildren
}

/// A node of the document as the walk meets it.
///
/// Type-system definitions are not executable (ExecutableDefinitionsRule reports them), but the
/// walk still goes through them as graphql-js does, because several rules look at the
/// directives, arguments, values and type references inside them.
public enum ValidationNode {
    case document(Document)
    case operation(OperationDefinition)
    case variableDefinition(VariableDefinition)
    case selectionSet(SelectionSet)
    case field(Field)
    case argument(Argument)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)
    case fragmentDefinition(FragmentDefinition)
    /// A use of a directive, with the location it is applied to (`nil` where graphql-js has none).
    case directive(Directive, location: DirectiveLocation?)
    /// A reference to a named type; `inTypeSystem` when it occurs inside a type-system
    /// definition or extension.
    case namedType(NamedType, inTypeSystem: Bool)
    /// Any value literal, variables included.
    case value(Value)
    case objectField(ObjectField)
    /// A type-system definition or extension that carries directives.
    case typeSystemDirectives([Directive], scope: TypeSystemDirectiveScope)

    /// The kind of this node, for dispatch.
    public var kind: ValidationNodeKinds {
        switch self {
        case .document: .document
        case .operation: .operation
        case .variableDefinition: .variableDefinition
        case .selectionSet: .selectionSet
        case .field: .field
        case .argument: .argument
        case .fragmentSpread: .fragmentSpread
        case .inlineFragment: .inlineFragment
        case .fragmentDefinition: .fragmentDefinition
        case .directive: .directive
        case .namedType: .namedType
        case .value: .value
        case .objectField: .objectField
        case .typeSystemDirectives: .typeSystemDirectives
        }
    }
}

/// Which type-system element a set of directives belongs to: graphql-js counts the directives
/// of a schema, or of one type, across its definition and every extension.
public enum TypeSystemDirectiveScope: Hashable, Sendable {
    case schema
    case type(String)
    /// A field, argument, input field or enum value definition: directives counted alone.
    case member
}

/// A set of node kinds.
public struct ValidationNodeKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let document = ValidationNodeKinds(rawValue: 1 << 0)
    public static let operation = ValidationNodeKinds(rawValue: 1 << 1)
    public static let variableDefinition = ValidationNodeKinds(rawValue: 1 << 2)
    public static let selectionSet = ValidationNodeKinds(rawValue: 1 << 3)
    public static let field = ValidationNodeKinds(rawValue: 1 << 4)
    public static let argument = ValidationNodeKinds(rawValue: 1 << 5)
    public static let fragmentSpread = ValidationNodeKinds(rawValue: 1 << 6)
    public static let inlineFragment = ValidationNodeKinds(rawValue: 1 << 7)
    public static let fragmentDefinition = ValidationNodeKinds(rawValue: 1 << 8)
    public static let directive = ValidationNodeKinds(rawValue: 1 << 9)
    public static let namedType = ValidationNodeKinds(rawValue: 1 << 10)
    public static let value = ValidationNodeKinds(rawValue: 1 << 11)
    public static let objectField = ValidationNodeKinds(rawValue: 1 << 12)
    public static let typeSystemDirectives = ValidationNodeKinds(rawValue: 1 << 13)

    static let count = 14

    /// The position of a single kind, for per-kind tables.
    var index: Int { rawValue.trailingZeroBitCount }
}
