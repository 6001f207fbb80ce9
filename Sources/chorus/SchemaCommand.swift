import ArgumentParser
import GraphQLSchema

/// `chorus schema …`: commands about schemas.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Work with schemas.", subcommands: [Print.self])

    /// `chorus schema print --schema FILE`: the schema in canonical SDL.
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a schema in canonical SDL (the layout of graphql-js printSchema).",
            discussion: """
                The schema is validated first (the spec's type-system rules); errors are printed \
                as file:line:column: message on standard error with exit status 1.
                """)

        @Option(help: "The schema (SDL) to print.") var schema: String

        func run() throws {
            let built = try loadSchema(schema)
            let errors = validateSchema(built)
            if !errors.isEmpty {
                let source = try readSource(schema)
                for error in errors { printError(error, in: source) }
                throw ExitCode(1)
            }
            print(printSchema(built))
        }
    }
}
