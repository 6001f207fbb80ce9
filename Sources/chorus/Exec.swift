import ArgumentParser
import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema

/// `chorus exec`: runs the engine alone on any schema and prints the GraphQL response.
///
/// Default resolvers read the same-named key of the parent JSON object; abstract types
/// resolve by the object's `"__typename"`. Exit status 0 whenever a response was printed.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Execute a query against a schema and a JSON root value; print the response JSON.")

    @Option(help: "The schema (SDL).") var schema: String
    @Option(help: "The query document.") var query: String
    @Option(help: "Variables (a JSON object).") var variables: String?
    @Option(help: "The operation to run, when the document has several.") var operation: String?
    @Option(help: "The root value (JSON); default {}.") var root: String?

    func run() async throws {
        let schema = try loadSchema(self.schema)
        let source = try readSource(query)
        let variableValues = try variables.map { try readJSONObject($0, what: "variables") } ?? [:]
        let rootValue = try root.map { try readJSON($0, what: "root value") } ?? .object([])
        let result = await executeRequest(
            schema: schema, source: source, operationName: operation, variableValues: variableValues,
            rootValue: .json(rootValue))
        print(result.json())
    }
}

/// Builds a schema from an SDL file, or exits with its errors on standard error.
func loadSchema(_ path: String) throws -> Schema {
    let source = try readSource(path)
    do {
        return try buildSchema(source)
    } catch let error as GraphQLError {
        printError(error, in: source)
    } catch let errors as GraphQLErrors {
        for error in errors.errors { printError(error, in: source) }
    }
    throw ExitCode(1)
}

/// A JSON file as a value.
func readJSON(_ path: String, what: String) throws -> CoercedValue {
    let text = try readSource(path).body
    do {
        return try JSON.parse(text)
    } catch {
        throw ValidationError("\(path): the \(what) is not valid JSON: \(error)")
    }
}

/// A JSON file that must hold an object, as a dictionary of its keys.
func readJSONObject(_ path: String, what: String) throws -> [String: CoercedValue] {
    switch try readJSON(path, what: what) {
    case .object(let entries):
        return Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    case .null:
        return [:]
    default:
        throw ValidationError("\(path): the \(what) must be a JSON object")
    }
}
