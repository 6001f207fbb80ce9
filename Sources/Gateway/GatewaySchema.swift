import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema

/// The unified schema, built from `schema/*.graphql`: the SDL files are the single source of
/// truth for types, and resolvers bind to them by type and field name.
enum GatewaySchema {
    /// The SDL files, in name order: from `directory` when given, else the copy of `schema/`
    /// that the build puts beside the executable (`Chorus_Gateway.resources/SDL`).
    ///
    /// Not `Bundle.module`: its accessor stops the process when the bundle is missing, where
    /// a gateway should say which folder it looked for.
    static func files(in directory: URL?) throws -> [(name: String, text: String)] {
        let executableFolder = Bundle.main.executableURL?.deletingLastPathComponent()
        guard let folder = directory ?? executableFolder?.appendingPathComponent("Chorus_Gateway.resources/SDL"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else {
            let looked = directory?.path ?? executableFolder?.appendingPathComponent("Chorus_Gateway.resources/SDL").path
            throw GatewayConfigurationError(
                "cannot read the schema folder \(looked ?? "beside the executable"); set CHORUS_SCHEMA_DIR to the schema/ folder")
        }
        let files = try names.filter { $0.hasSuffix(".graphql") }.sorted().map { name in
            (name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        guard !files.isEmpty else { throw GatewayConfigurationError("no .graphql files in \(folder.path)") }
        return files
    }

    /// The SDL of every file as one document; errors name the file and line they are about.
    static func build(_ files: [(name: String, text: String)]) throws -> Schema {
        var text = ""
        var starts: [(line: Int, name: String)] = []
        var line = 1
        for file in files {
            starts.append((line, file.name))
            text += file.text
            if !file.text.hasSuffix("\n") { text += "\n" }
            line += file.text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) } + (file.text.hasSuffix("\n") ? 0 : 1)
        }
        func place(_ location: SourceLocation) -> String {
            let start = starts.last { $0.line <= location.line } ?? (1, "schema")
            return "\(start.name):\(location.line - start.line + 1):\(location.column)"
        }
        func describe(_ errors: [GraphQLError]) -> String {
            errors.map { error in
                ([error.message] + error.locations.map { "  at \(place($0))" }).joined(separator: "\n")
            }.joined(separator: "\n")
        }
        let schema: Schema
        do {
            schema = try buildSchema(Source(body: text, name: "schema"))
        } catch let error as GraphQLError {
            throw GatewayConfigurationError("the schema does not parse:\n" + describe([error]))
        } catch let errors as GraphQLErrors {
            throw GatewayConfigurationError("the schema is not valid SDL:\n" + describe(errors.errors))
        }
        let errors = validateSchema(schema)
        if !errors.isEmpty { throw GatewayConfigurationError("the schema is not valid:\n" + describe(errors)) }
        return schema
    }

    /// Every field of every object type has a resolver, and every resolver a field: a
    /// mismatch is a startup error listing each one.
    static func checkBinding(_ schema: Schema, _ resolvers: Resolvers) throws {
        var problems: [String] = []
        for type in schema.types {
            guard case .object(let object) = type, !object.name.hasPrefix("__") else { continue }
            let bound = resolvers.fields[object.name] ?? [:]
            for field in object.fields where bound[field.name] == nil {
                problems.append("\(object.name).\(field.name) has no resolver")
            }
        }
        for (typeName, fields) in resolvers.fields.sorted(by: { $0.key < $1.key }) {
            guard case .object(let object)? = schema.type(named: typeName) else {
                problems.append("resolvers are bound to \(typeName), which is not an object type of the schema")
                continue
            }
            for field in fields.keys.sorted() where object.field(named: field) == nil {
                problems.append("a resolver is bound to \(typeName).\(field), which the schema does not have")
            }
        }
        guard problems.isEmpty else {
            throw GatewayConfigurationError(
                "the schema and the resolvers disagree:\n" + problems.sorted().map { "  " + $0 }.joined(separator: "\n"))
        }
    }
}
