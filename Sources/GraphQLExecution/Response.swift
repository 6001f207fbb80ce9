import GraphQLLanguage
import GraphQLSchema

extension ExecutionResult {
    /// The response as JSON (spec §7 "Response"): `errors` first when there are any, as
    /// graphql-js writes it, then `data` unless the request failed before execution, then
    /// `extensions` when given. Keys of `data` are in selection order.
    public func json(extensions: CoercedValue? = nil) -> String {
        var writer = JSON.Writer(capacity: 256)
        writer.writeRaw("{")
        var first = true
        if !errors.isEmpty {
            writer.writeRaw(#""errors":["#)
            for (index, error) in errors.enumerated() {
                if index > 0 { writer.writeRaw(",") }
                writer.write(error.jsonValue)
            }
            writer.writeRaw("]")
            first = false
        }
        if let data {
            if !first { writer.writeRaw(",") }
            writer.writeRaw(#""data":"#)
            writer.write(data)
            first = false
        }
        if let extensions {
            if !first { writer.writeRaw(",") }
            writer.writeRaw(#""extensions":"#)
            writer.write(extensions)
        }
        writer.writeRaw("}")
        return writer.text
    }
}

extension GraphQLError {
    /// The error as a response carries it: message, locations, path, extensions. The
    /// underlying error is never included.
    public var jsonValue: CoercedValue {
        var entries: [CoercedValue.Entry] = [.init(name: "message", value: .string(message))]
        if !locations.isEmpty {
            entries.append(
                .init(
                    name: "locations",
                    value: .list(
                        locations.map {
                            .object([.init(name: "line", value: .int($0.line)), .init(name: "column", value: .int($0.column))])
                        })))
        }
        if let path {
            entries.append(
                .init(
                    name: "path",
                    value: .list(
                        path.map { component in
                            switch component {
                            case .key(let key): .string(key)
                            case .index(let index): .int(index)
                            }
                        })))
        }
        if !extensions.isEmpty {
            entries.append(
                .init(
                    name: "extensions",
                    value: .object(extensions.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: .string($0.value)) })))
        }
        return .object(entries)
    }
}
