import ArgumentParser

@main
struct Chorus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Chorus: a GraphQL federation gateway over PostgreSQL, MongoDB and Redis.",
        subcommands: [Format.self, Bench.self]
    )
}
