import GraphQLLanguage

/// How `buildSchema` treats its input.
public struct BuildSchemaOptions: Sendable {
    /// Skip SDL validation (graphql-js's `assumeValidSDL`): for documents known to be valid.
    public var assumeValidSDL: Bool
    /// Limits for parsing the source.
    public var parseOptions: ParseOptions

    /// Whether the schema gets the introspection types; false only for building them.
    var includesIntrospectionTypes = true

    public init(assumeValidSDL: Bool = false, parseOptions: ParseOptions = ParseOptions()) {
        self.assumeValidSDL = assumeValidSDL
        self.parseOptions = parseOptions
    }
}

/// Parses SDL and builds the schema it describes, as graphql-js's `buildSchema` does.
///
/// Throws the parser's `GraphQLError` for a syntax error, and `GraphQLErrors` for a document
/// that breaks an SDL rule (every error, in document order) or that cannot be built.
/// Type-system validation is separate: see `validateSchema(_:)`.
public func buildSchema(_ source: Source, options: BuildSchemaOptions = BuildSchemaOptions()) throws -> Schema {
    let document = try parse(source, options: options.parseOptions)
    return try buildSchema(document: document, source: source, options: options)
}

/// Builds the schema a parsed SDL document describes, as graphql-js's `buildASTSchema` does:
/// every definition and `extend` applied, the specified directives the document does not
/// define added, and, without a schema definition, the types named Query, Mutation and
/// Subscription as roots.
///
/// - Parameter source: the document's source, to locate errors; without it errors have no
///   locations.
public func buildSchema(
    document: Document, source: Source? = nil, options: BuildSchemaOptions = BuildSchemaOptions()
) throws -> Schema {
    if !options.assumeValidSDL {
        let errors = validateSDL(document, source: source)
        if !errors.isEmpty { throw GraphQLErrors(errors) }
    }
    var builder = SchemaBuilder(document: document, source: source)
    do {
        return try builder.build(includingIntrospection: options.includesIntrospectionTypes)
    } catch {
        throw GraphQLErrors([error])
    }
}
