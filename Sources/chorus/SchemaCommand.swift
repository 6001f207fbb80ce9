import ArgumentParser
import Foundation
import Gateway
import GraphQLSchema

/// `chorus schema …`: commands about schemas.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Work with schemas.", subcommands: [Print.self])

    /// `chorus schema print [--schema FILE]`: a schema, or the gateway's own, in canonical SDL.
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a schema in canonical SDL (the layout of graphql-js printSchema).",
            discussion: """
                The schema is validated first (the spec's type-system rules); errors are printed \
                as file:line:column: message on standard error with exit status 1.
                """)

        @Option(help: "The schema (SDL) to print; the gateway's own (schema/*.graphql) when omitted.")
        var schema: String?

        func run() throws {
            guard let schema else {
                let directory = ProcessInfo.processInfo.environment["CHORUS_SCHEMA_DIR"].map(URL.init(fileURLWithPath:))
                do {
                    print(printSchema(try Gateway.schema(directory: directory)))
                } catch {
                    FileHandle.standardError.write(Data("chorus schema print: \(error)\n".utf8))
                    throw ExitCode(1)
                }
                return
            }
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
