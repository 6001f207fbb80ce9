import ArgumentParser
import Foundation
import GraphQLLanguage

/// `chorus format FILE`: prints a document in canonical form.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a GraphQL document in canonical form (the layout of graphql-js print).")

    @ArgumentParser.Argument(help: "The document to format ('-' for standard input).")
    var file: String

    func run() throws {
        let source = try readSource(file)
        do {
            let document = try GraphQLLanguage.parse(source)
            print(Printer.print(document))
        } catch let error as GraphQLError {
            printError(error, in: source)
            throw ExitCode(1)
        }
    }
}

/// Reads a document from a file, or from standard input for `-`. Invalid UTF-8 becomes
/// U+FFFD, as it does when graphql-js reads the file.
func readSource(_ path: String) throws -> Source {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        data = contents
    }
    return Source(body: String(decoding: data, as: UTF8.self), name: path)
}

/// Writes `name:line:column: message` for each location of an error to standard error.
func printError(_ error: GraphQLError, in source: Source) {
    var line = error.message
    if let location = error.locations.first {
        line = "\(source.name):\(location.line):\(location.column): \(error.message)"
    }
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
