import GraphQLLanguage

/// A directive the schema declares: DirectiveDefinition (spec §3.13 "Directives").
///
/// (Named as in graphql-js; `Directive` is the AST's use of a directive.)
public struct GraphQLDirective: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The locations in declaration order.
    public var locations: [DirectiveLocation]
    /// The arguments in declaration order.
    public var arguments: [InputValue]
    public var isRepeatable: Bool
    public var astNode: DirectiveDefinition?

    public init(
        name: String, description: String? = nil, locations: [DirectiveLocation], arguments: [InputValue] = [],
        isRepeatable: Bool = false, astNode: DirectiveDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.astNode = astNode
    }

    /// The argument with this name.
    public func argument(named name: String) -> InputValue? {
        arguments.first { $0.name == name }
    }

    /// Whether this is one of the directives the specification defines (by name, as graphql-js
    /// decides it).
    public var isSpecifiedDirective: Bool {
        GraphQLDirective.specifiedDirectives.contains { $0.name == name }
    }
}

// MARK: - Specified directives

extension GraphQLDirective {
    /// The reason `@deprecated` gives when none is written.
    public static let defaultDeprecationReason = "No longer supported"

    /// `@include(if: Boolean!)` on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT (spec §3.13.2).
    public static let include = GraphQLDirective(
        name: "include",
        description: "Directs the executor to include this field or fragment only when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [
            InputValue(name: "if", description: "Included when true.", type: .nonNull(.named(.scalar(.boolean))))
        ]
    )

    /// `@skip(if: Boolean!)` on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT (spec §3.13.1).
    public static let skip = GraphQLDirective(
        name: "skip",
        description: "Directs the executor to skip this field or fragment when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [
            InputValue(name: "if", description: "Skipped when true.", type: .nonNull(.named(.scalar(.boolean))))
        ]
    )

    /// `@deprecated(reason: String = "No longer supported")` on FIELD_DEFINITION |
    /// ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE (spec §3.13.3).
    public static let deprecated = GraphQLDirective(
        name: "deprecated",
        description: "Marks an element of a GraphQL schema as no longer supported.",
        locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue],
        arguments: [
            InputValue(
                name: "reason",
                description: "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                type: .named(.scalar(.string)),
                defaultValue: .string(defaultDeprecationReason)
            )
        ]
    )

    /// `@specifiedBy(url: String!)` on SCALAR (spec §3.13.4).
    public static let specifiedBy = GraphQLDirective(
        name: "specifiedBy",
        description: "Exposes a URL that specifies the behavior of this scalar.",
        locations: [.scalar],
        arguments: [
            InputValue(
                name: "url", description: "The URL that specifies the behavior of this scalar.",
                type: .nonNull(.named(.scalar(.string))))
        ]
    )

    /// `@oneOf` on INPUT_OBJECT (spec §3.13.5).
    public static let oneOf = GraphQLDirective(
        name: "oneOf",
        description: "Indicates exactly one field must be supplied and this field must not be `null`.",
        locations: [.inputObject]
    )

    /// The directives every schema has, in graphql-js's order.
    public static let specifiedDirectives: [GraphQLDirective] = [include, skip, deprecated, specifiedBy, oneOf]
}
