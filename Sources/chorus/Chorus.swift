import ArgumentParser

@main
struct Chorus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Chorus: a GraphQL federation gateway over PostgreSQL, MongoDB and Redis.",
        subcommands: [Serve.self, Token.self, Format.self, SchemaCommand.self, Exec.self, Bench.self, SeedCommand.self]
    )
}
